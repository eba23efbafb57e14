/**
 * Journeys save screenshots for people to look at; docs/screenshots/ is tracked, so a plain
 * run must leave it alone and publish only when asked (PUBLISH_SCREENSHOTS=1).
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ROOT, screenshot } from './support';

const NAME = 'support-test-shot';
const saved = join(ROOT, 'e2e', 'screenshots', `${NAME}.png`);
const published = join(ROOT, 'docs', 'screenshots', `${NAME}.png`);
// A page that "takes" a screenshot by writing a few bytes where it is told.
const page = { screenshot: async ({ path }: { path: string }) => writeFileSync(path, 'png') } as unknown as Page;

afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(saved, { force: true });
  rmSync(published, { force: true });
});

describe('journey screenshots', () => {
  it('go to e2e/screenshots/ only, even those marked for publishing, on an ordinary run', async () => {
    vi.stubEnv('PUBLISH_SCREENSHOTS', '');
    await screenshot(page, NAME, { publish: true });
    expect(existsSync(saved)).toBe(true);
    expect(existsSync(published)).toBe(false);
  });

  it('are copied to docs/screenshots/ with PUBLISH_SCREENSHOTS=1, when marked for publishing', async () => {
    vi.stubEnv('PUBLISH_SCREENSHOTS', '1');
    await screenshot(page, NAME);
    expect(existsSync(published)).toBe(false);
    await screenshot(page, NAME, { publish: true });
    expect(existsSync(published)).toBe(true);
  });
});
