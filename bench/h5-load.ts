/**
 * `npm run bench:h5`: the H5 first-load budget (DESIGN.md §7: LCP ≤ 2.5 s under Slow 4G in
 * Chromium). Cold loads of /m/ in Debian's Chromium with Chrome DevTools' "Slow 4G" preset
 * (562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up), once on the network alone and once
 * with a 4× slower CPU as on a cheap phone. The reference, loaded in the same run under the
 * same conditions, is a one-paragraph HTML page from a bare node:http server: the floor
 * that the network alone sets.
 *
 *   npm run bench:h5            (BENCH_H5_RUNS=5 cold loads per row; the median is reported)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { launchBrowser, startProduct } from '../e2e/support';

const RUNS = Number(process.env.BENCH_H5_RUNS ?? 5);
const BUDGET_MS = 2500;
// Chrome DevTools' "Slow 4G" preset (front_end/core/sdk/NetworkManager.ts): request-level latency.
const SLOW_4G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
  uploadThroughput: (750 * 1024 * 0.9) / 8,
};

interface Load {
  lcpMs: number;
  transferredKb: number;
}

/** One cold load in a fresh context: LCP from the browser's own observer, bytes from resource timing. */
async function coldLoad(browser: Browser, url: string, cpuRate: number): Promise<Load> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuRate });
    await page.goto(url, { waitUntil: 'networkidle', timeout: 60_000 });
    return await page.evaluate(
      () =>
        new Promise<Load>((resolve) => {
          new PerformanceObserver((list) => {
            const entries = list.getEntries();
            const lcp = entries[entries.length - 1]!.startTime;
            const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
            const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
            const bytes = resources.reduce((n, r) => n + r.transferSize, nav.transferSize);
            resolve({ lcpMs: lcp, transferredKb: bytes / 1024 });
          }).observe({ type: 'largest-contentful-paint', buffered: true });
        }),
    );
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const reference = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(
      '<!doctype html><meta name="viewport" content="width=device-width"><p style="font-size:20px">工会驿站 · 入会 · 我要求助</p>',
    );
  });
  await new Promise<void>((r) => reference.listen(0, '127.0.0.1', r));
  const referenceUrl = `http://127.0.0.1:${(reference.address() as AddressInfo).port}/`;
  const product = await startProduct();
  const browser = await launchBrowser();
  const rows: string[] = [];
  try {
    for (const cpuRate of [1, 4]) {
      const ref: Load[] = [];
      const h5: Load[] = [];
      // Alternate so a moment of machine load hits both alike.
      for (let i = 0; i < RUNS; i++) {
        ref.push(await coldLoad(browser, referenceUrl, cpuRate));
        h5.push(await coldLoad(browser, `${product.baseUrl}/m/`, cpuRate));
      }
      const refLcp = median(ref.map((l) => l.lcpMs));
      const lcp = median(h5.map((l) => l.lcpMs));
      const verdict = lcp <= BUDGET_MS ? 'met' : '**missed**';
      rows.push(
        `| Slow 4G${cpuRate > 1 ? `, CPU ×${cpuRate}` : ''} | ${Math.round(lcp)} | ${Math.round(Math.min(...h5.map((l) => l.lcpMs)))}–${Math.round(Math.max(...h5.map((l) => l.lcpMs)))} | ${median(h5.map((l) => l.transferredKb)).toFixed(0)} | ${Math.round(refLcp)} | ${(lcp / refLcp).toFixed(2)}× | ${verdict} (≤ ${BUDGET_MS}) |`,
      );
    }
  } finally {
    await browser.close();
    await product.stop();
    reference.close();
  }
  console.log(`\nH5 /m/ cold load, median of ${RUNS}, ${new Date().toISOString().slice(0, 10)}\n`);
  console.log('| conditions | LCP ms | range | KB transferred | reference LCP ms | × reference | verdict |');
  console.log('|---|---:|---:|---:|---:|---:|---|');
  for (const r of rows) console.log(r);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
