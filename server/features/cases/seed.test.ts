import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext, withTransaction } from '../../http/context';
import type { DemoWorld } from '../../http/feature';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { buildAccount } from '../accounts/accounts.factories';
import { signIn } from '../auth/auth.factories';
import { buildWorld, type World } from '../orgs/orgs.factories';
import { seedDemoCases } from './seed';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  // The part of the demo tree the cases' seed uses (the whole tree takes seconds to seed).
  w = await buildWorld(t);
  const world: DemoWorld = {
    orgIds: new Map([
      ['js.sq.sc', w.sucheng.id],
      ['js.sq.sc.xf', w.street.id],
    ]),
  };
  await withTransaction(systemContext(t.deps), (tx) => seedDemoCases(tx, world));
});
afterAll(() => t.close());

describe('the demo cases', () => {
  it('leave work waiting for every case role: 宿城 dispatches, approves and reviews, 幸福街道 signs and handles, 宿迁 supervises', async () => {
    const get = async (url: string, role: string, org = w.sucheng) => {
      const cookie = await signIn(t, (await buildAccount(t, { org, role })).username);
      return (await t.app.inject({ url: `/api/v1${url}`, headers: { cookie } })).json();
    };
    const county = await get('/cases/counts', 'org_admin');
    expect(county.dispatch).toBeGreaterThanOrEqual(7);
    expect(county.review).toBe(1);
    expect(county.requests).toBe(1);
    const street = await get('/cases/counts', 'org_admin', w.street);
    expect(street.handle).toBeGreaterThanOrEqual(4);
    const city = await get('/cases?queue=overdue', 'org_admin', w.suqian);
    expect(city.items.length).toBeGreaterThanOrEqual(1);
    expect(city.items[0].light).toBe('red');
    // Five wage appeals against one employer wait together; an emergency waits to be dispatched within the hour.
    const wages = await get(`/cases?queue=dispatch&q=${encodeURIComponent('恒达纺织')}`, 'hotline_agent');
    expect(wages.items).toHaveLength(5);
    const emergency = await get('/cases?queue=dispatch&emergency=true', 'case_officer');
    expect(emergency.items).toHaveLength(1);
    // The dispatcher's queue starts with the emergency, then the most urgent; its pages join without a gap or a repeat.
    const cookie = await signIn(t, (await buildAccount(t, { org: w.sucheng, role: 'case_officer' })).username);
    const seen: Array<{ id: number; emergency: boolean; due_at: string }> = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/cases?queue=dispatch&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.app.inject({ url, headers: { cookie } })).json();
      seen.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen[0]!.emergency).toBe(true);
    expect(new Set(seen.map((c) => c.id)).size).toBe(seen.length);
    expect(seen.length).toBe(county.dispatch);
    const dues = seen.slice(1).map((c) => c.due_at);
    expect(dues).toEqual([...dues].sort());
    const all = await get('/cases?limit=200', 'org_admin');
    const categories = new Set(all.items.map((c: { category: string }) => c.category));
    for (const c of ['new', 'dispatched', 'in_progress', 'resolved', 'closed']) expect(categories).toContain(c);
    expect(all.items.filter((c: { rating: string | null }) => c.rating !== null)).toHaveLength(2);
    // 宿城's duty desk is set, and the emergency's page of it waits in the job queue.
    const duty = await get(`/cases/settings/${w.sucheng.id}/duty-phones`, 'org_admin');
    expect(duty.items).toEqual([expect.objectContaining({ label: '区总工会值班室', phone_masked: '139****0110' })]);
    const pages = await t.db.selectFrom('jobs').select('payload').where('name', '=', 'cases.page').execute();
    expect(pages.map((p) => p.payload)).toEqual([
      expect.objectContaining({ case_id: emergency.items[0].id, org_id: w.sucheng.id, reason: 'received' }),
    ]);
  });
});
