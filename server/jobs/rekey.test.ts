import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../http/context';
import { createRunner } from './runner';
import { enqueueJob } from '../features/jobs/enqueue';
import { createTestApp, type TestApp } from '../testing/test-app';
import { buildAccount } from '../features/accounts/accounts.factories';
import { buildMember } from '../features/members/members.factories';
import { buildWorld, type World } from '../features/orgs/orgs.factories';
import { rekeyJob } from '../features/system/rekey';

const KEY_1 = Buffer.alloc(32, 7); // the test apps' data key (server/testing/test-app.ts)
const KEY_2 = Buffer.alloc(32, 9);

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterAll(() => t?.close());

/** Runs the job once on a node of `app` (as the nightly slot or an operator would start it); returns its result. */
async function runRekey(app: TestApp) {
  const id = await enqueueJob(systemContext(app.deps), rekeyJob, {});
  const runner = createRunner(app.deps, [rekeyJob], { progressEveryMs: 0 });
  expect(await runner.runNext()).toBe(true);
  const run = await app.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  expect(run).toMatchObject({ name: 'system.rekey', state: 'succeeded', progress: 100 });
  return run.result as { key_version: number; rewritten: Record<string, number> };
}

describe('system.rekey, re-encryption under a new data key', () => {
  it('rewrites every declared ciphertext under the newest key, values unchanged, and then finds nothing', async () => {
    const members = await Promise.all([1, 2, 3].map(() => buildMember(t, w.street.id)));
    const noPhone = await buildMember(t, w.street.id, { phone: null });
    const account = await buildAccount(t, { org: w.sucheng, role: 'org_admin' });
    await t.db
      .updateTable('accounts')
      .set({ totp_secret_enc: t.cipher.encrypt('JBSWY3DPEHPK3PXP') })
      .where('id', '=', account.id)
      .execute();
    const before = await t.db.selectFrom('members').select(['id', 'id_enc', 'phone_enc']).execute();
    expect(before.every((m) => m.id_enc.startsWith('v1.'))).toBe(true);

    // The operator adds v2 to GONGHUI_DATA_KEYS and restarts: new writes use v2 at once, old rows are read with v1.
    const rotated = await t.withConfig({
      dataKeys: new Map([
        [1, KEY_1],
        [2, KEY_2],
      ]),
    });
    try {
      const result = await runRekey(rotated);
      expect(result.key_version).toBe(2);
      expect(result.rewritten.members).toBe(before.length);

      const after = await t.db.selectFrom('members').select(['id', 'id_enc', 'phone_enc']).orderBy('id').execute();
      for (const m of after) {
        expect(m.id_enc.startsWith('v2.')).toBe(true);
        if (m.phone_enc !== null) expect(m.phone_enc.startsWith('v2.')).toBe(true);
      }
      expect(after.find((m) => m.id === noPhone.id)!.phone_enc).toBeNull();
      // The values are the ones that went in.
      for (const m of members) {
        const row = after.find((r) => r.id === m.id)!;
        expect(rotated.cipher.decrypt(row.id_enc)).toBe(m.idNumber);
        expect(rotated.cipher.decrypt(row.phone_enc!)).toBe(m.phone);
      }
      // Other features declare their columns too: the account's TOTP secret moved to v2, unchanged.
      const totp = await t.db
        .selectFrom('accounts')
        .select('totp_secret_enc')
        .where('id', '=', account.id)
        .executeTakeFirstOrThrow();
      expect(totp.totp_secret_enc!.startsWith('v2.')).toBe(true);
      expect(rotated.cipher.decrypt(totp.totp_secret_enc!)).toBe('JBSWY3DPEHPK3PXP');
      expect(result.rewritten.accounts).toBe(1);

      // A second pass, or a second node, finds nothing to do.
      const again = await runRekey(rotated);
      expect(Object.values(again.rewritten).every((n) => n === 0)).toBe(true);
    } finally {
      await rotated.close();
    }
  });
});
