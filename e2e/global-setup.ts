import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEEDED_DATA_ENV, startProduct } from './support';

/**
 * Global setup of the browser journeys: migrates and seeds the demo once, into a data dir every
 * journey then copies (startProduct), instead of each journey seeding its own (half a minute each
 * on a two-core machine). The product is stopped first, so the copy is of a cleanly closed database.
 */
export default async function setup(): Promise<() => void> {
  const product = await startProduct({ seeded: false });
  const kept = mkdtempSync(join(tmpdir(), 'gonghui-e2e-seeded-'));
  await product.stop({ keepData: join(kept, 'data') });
  process.env[SEEDED_DATA_ENV] = join(kept, 'data');
  return () => rmSync(kept, { recursive: true, force: true });
}
