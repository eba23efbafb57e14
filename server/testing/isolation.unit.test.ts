import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { OWN_MODULES } from '../../vitest.config';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The integration files share one module graph per worker (ADR 0020): a file's `vi.mock` would not
 * replace a module an earlier file loaded, so every file that mocks one runs in the isolated projects.
 */
it('runs every integration file that mocks a module in the isolated projects', () => {
  const mocking = readdirSync(`${root}server`, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts') && !f.endsWith('.unit.test.ts'))
    .map((f) => `server/${f.replaceAll('\\', '/')}`)
    .filter((f) => /\bvi\.(mock|doMock)\(/.test(readFileSync(`${root}${f}`, 'utf8')));
  expect(mocking.sort()).toEqual([...OWN_MODULES].sort());
});
