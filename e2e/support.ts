/**
 * Browser journeys run the real product: the built web app served by `server/main.ts` on a
 * fresh embedded database in demo mode (it seeds the demo tree), driven by Debian's Chromium.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureWebBuilt, isWholeBuild } from '../scripts/start.mjs';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST_WEB = join(ROOT, 'dist', 'web');
const SCREENSHOTS = join(ROOT, 'e2e', 'screenshots');
const PUBLISHED = join(ROOT, 'docs', 'screenshots');

/** Every demo account's password (server/db/seed/demo-tree.ts). */
export const DEMO_PASSWORD = 'Gonghui@2026';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface Product {
  baseUrl: string;
  /** What the server printed so far (a failing test shows it). */
  output(): string;
  /** Stops the server and removes its data dir (moved to `keepData` first when given). */
  stop(options?: { keepData?: string }): Promise<void>;
}

/** The env var e2e/global-setup.ts sets: a data dir the demo was seeded into once for the whole run. */
export const SEEDED_DATA_ENV = 'GONGHUI_E2E_SEEDED_DATA';

/**
 * Starts `server/main.ts` on a free loopback port with a data dir of its own. The web build is
 * copied into that dir first, so a rebuild of dist/web during the run cannot pull files away.
 * The data dir is a copy of the one the global setup seeded (each journey still starts from the
 * same fresh demo, without migrating and seeding it again), or a new one (`seeded: false`, or
 * when no global setup ran), or the data an earlier product left (`dataFrom`: a path given to
 * its stop's `keepData`; moved, not copied). `clockShiftDays` starts the product that many days
 * in the future (e2e/shift-clock.mjs): the journey "moves the clock" the way a deployment lives
 * it, a restart later, with every clock in the process (the database's too) agreeing.
 */
export async function startProduct(
  options: { seeded?: boolean; dataFrom?: string; clockShiftDays?: number } = {},
): Promise<Product> {
  ensureWebBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'gonghui-e2e-'));
  const seeded = process.env[SEEDED_DATA_ENV];
  if (options.dataFrom) renameSync(options.dataFrom, join(dataDir, 'data'));
  else if (seeded && options.seeded !== false) cpSync(seeded, join(dataDir, 'data'), { recursive: true });
  const webDir = join(dataDir, 'web');
  cpSync(DIST_WEB, webDir, { recursive: true });
  if (!isWholeBuild(webDir)) throw new Error('dist/web changed while it was being copied; run again');
  const shiftClock = options.clockShiftDays ? ['--import', join(ROOT, 'e2e', 'shift-clock.mjs')] : [];
  const boot = async (port: number) => {
    let output = '';
    const child: ChildProcess = spawn(
      process.execPath,
      [...shiftClock, '--import', 'tsx', join(ROOT, 'server', 'main.ts')],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          ...(options.clockShiftDays
            ? { GONGHUI_E2E_CLOCK_SHIFT_MS: String(options.clockShiftDays * 86_400_000) }
            : {}),
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: join(dataDir, 'data'),
          WEB_DIR: webDir,
          LOG_LEVEL: 'warn',
          DATABASE_URL: '',
          GONGHUI_DEMO: '1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout!.on('data', (b: Buffer) => void (output += b.toString()));
    child.stderr!.on('data', (b: Buffer) => void (output += b.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const halt = async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    };
    return { child, halt, output: () => output };
  };
  const removeData = (keepData?: string) => {
    if (keepData) renameSync(join(dataDir, 'data'), keepData);
    rmSync(dataDir, { recursive: true, force: true });
  };

  // The port was free a moment ago; another process (journeys run two at a time) may have taken
  // it since, and then this server fails to listen and is started again on another. Until this
  // server has printed that it runs, an answer on the port may be another's, so it waits for both.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const server = await boot(port);
    const baseUrl = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (server.child.exitCode !== null) break;
      const ok =
        server.output().includes('Gonghui is running') &&
        (await fetch(`${baseUrl}/healthz`).then(
          (r) => r.ok,
          () => false,
        ));
      if (ok) {
        const stop = async (stopOptions: { keepData?: string } = {}) => {
          await server.halt();
          removeData(stopOptions.keepData);
        };
        return { baseUrl, output: server.output, stop };
      }
      if (Date.now() > deadline) {
        await server.halt();
        removeData();
        throw new Error(`server not healthy after 120 s:\n${server.output()}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    if (attempt < 3 && server.output().includes('EADDRINUSE')) continue;
    removeData();
    throw new Error(`server exited with ${server.child.exitCode}:\n${server.output()}`);
  }
}

/** Debian's Chromium through playwright-core (no browser download is possible here). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * The text field of a component carrying `data-testid`: antd puts the attribute on the
 * <input> itself, antd-mobile on its wrapper, so both shapes are accepted.
 */
export function field(page: Page, testId: string): Locator {
  return page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
}

/**
 * Picks an option of the antd Select carrying `testId`: types `text` (the selects are searchable),
 * waits until the dropdown's active option shows it, presses Enter, and waits until the select
 * shows the choice. Each step is confirmed: a click on an option while the dropdown still
 * animated in was lost once under CI's load, and the form then refused a required field.
 */
export async function chooseOption(page: Page, testId: string, text: string): Promise<void> {
  await page.locator(`[data-testid="${testId}"]`).click();
  await page.keyboard.type(text);
  const active = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active');
  await expect.poll(() => active.last().textContent(), { timeout: 15_000 }).toContain(text);
  await page.keyboard.press('Enter');
  // antd puts the test id on the select or on its inner input: read the whole select's text.
  const select = page
    .locator(`[data-testid="${testId}"]`)
    .locator(`xpath=ancestor-or-self::div[contains(concat(' ', @class, ' '), ' ant-select ')][1]`);
  await expect.poll(() => select.textContent(), { timeout: 15_000 }).toContain(text);
}

/**
 * Saves a screenshot to e2e/screenshots/ (git-ignored). One marked `publish` (those README shows)
 * is also copied to the tracked docs/screenshots/, but only when asked with PUBLISH_SCREENSHOTS=1:
 * an ordinary run leaves the working tree clean.
 */
export async function screenshot(page: Page, name: string, options: { publish?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  if (options.publish && process.env.PUBLISH_SCREENSHOTS === '1') {
    mkdirSync(PUBLISHED, { recursive: true });
    copyFileSync(file, join(PUBLISHED, `${name}.png`));
    // Committed images stay small (README); a bigger one is worth a look, not a failed journey.
    if (statSync(file).size > 200_000)
      console.warn(`docs/screenshots/${name}.png is ${(statSync(file).size / 1000).toFixed(0)} KB (> 200 KB)`);
  }
  return file;
}

/** Signs a demo cadre in through the API (outside the browser) and returns the Cookie header. */
export async function apiSignIn(baseUrl: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('gh_session='));
  return cookie!.split(';')[0]!;
}

/**
 * A phone's screen, in Chinese, in Shanghai: a cheap Android phone's (360 × 740) unless a journey
 * names another size (or user agent) it was written for.
 */
export function phoneContext(
  browser: Browser,
  options: { width?: number; height?: number; userAgent?: string } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: options.width ?? 360, height: options.height ?? 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
  });
}

/** A cadre's desk screen, in Chinese, in Shanghai. */
export function desktopContext(browser: Browser, height = 800): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1366, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
}

/**
 * The one-time code demo mode shows on an H5 form once its send button was tapped. The form's
 * test ids share a prefix: `m` on 我的 (m-send-otp, m-dev-code, m-otp), `m-join` on 入会,
 * `m-case` on 我要求助.
 */
export async function readDemoCode(page: Page, prefix: 'm' | 'm-join' | 'm-case'): Promise<string> {
  const devCode = page.locator(`[data-testid="${prefix}-dev-code"]`);
  await devCode.waitFor({ timeout: 15_000 });
  const code = /\d{6}/.exec((await devCode.textContent()) ?? '')?.[0];
  if (!code) throw new Error('demo mode showed no one-time code');
  return code;
}

/** Asks for a one-time code on an H5 form (the phone already typed) and types the code demo mode shows. */
export async function enterDemoCode(page: Page, prefix: 'm' | 'm-join' | 'm-case'): Promise<void> {
  await page.locator(`[data-testid="${prefix}-send-otp"]`).tap();
  await field(page, `${prefix}-otp`).fill(await readDemoCode(page, prefix));
}

/** Signs a demo member in on the H5 (我的) by phone, with the code demo mode shows on the page. */
export async function signInOnH5(page: Page, baseUrl: string, phone: string): Promise<void> {
  await page.goto(`${baseUrl}/m/me`);
  await field(page, 'm-phone').fill(phone);
  await page.locator('[data-testid="m-consent"]').tap();
  await enterDemoCode(page, 'm');
  await page.locator('[data-testid="m-login-submit"]').tap();
}

/** Signs a demo cadre in on the console's sign-in form, then opens `path` (e.g. '/admin/members'). */
export async function signInToConsole(page: Page, baseUrl: string, username: string, path: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await field(page, 'login-username').fill(username);
  await field(page, 'login-password').fill(DEMO_PASSWORD);
  await page.locator('[data-testid="login-submit"]').click();
  await field(page, 'login-username').waitFor({ state: 'detached', timeout: 15_000 });
  // Whether sign-in returns to the page asked for or to the account's home, open the page itself.
  await page.goto(`${baseUrl}${path}`);
}
