import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_LABELS } from '../../../common/cases';
import { buildOrg, buildWorld, type World } from '../orgs/orgs.factories';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { statusLabelsAt } from './settings';

let t: TestApp;
let w: World;

/** An org's own label for a status, as a relabelling writes it. */
const relabel = (orgId: number, code: string, label: string) =>
  t.db
    .insertInto('case_statuses')
    .values({ org_id: orgId, code, category: 'new', label_zh: label, label_en: label, sort_order: 1 })
    .execute();

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterAll(() => t.close());

// findStatusLabels reads the platform's rows and the ancestors' relabellings from the ancestors
// (not by joining every org): what each org sees must be what the nearest relabelling says.
describe('status labels along the tree', () => {
  it('shows the platform’s labels, overridden by the nearest ancestor’s, and never another branch’s', async () => {
    const quiet = await buildOrg(t, { parent: w.street, name: '静默社区工会' });
    await relabel(w.suqian.id, 'received', '市已受理');
    await relabel(w.sucheng.id, 'received', '区已受理');
    await relabel(w.jiangxi.id, 'received', '赣已受理');
    await relabel(w.jiangxi.id, 'closed', '赣已办结');

    const atStreet = await statusLabelsAt(t, quiet.path);
    expect(atStreet.get('received')).toBe('区已受理'); // the county is nearer than the city
    expect(atStreet.get('closed')).toBe(STATUS_LABELS.closed); // another branch's label stays there
    expect(Object.fromEntries(atStreet)).toEqual({ ...STATUS_LABELS, received: '区已受理' });

    expect((await statusLabelsAt(t, w.suqian.path)).get('received')).toBe('市已受理');
    expect((await statusLabelsAt(t, w.jiangsu.path)).get('received')).toBe(STATUS_LABELS.received);
    expect((await statusLabelsAt(t, w.jiangxi.path)).get('closed')).toBe('赣已办结');
  });
});
