/**
 * A small driver around autocannon for loopback HTTP benchmarks. Every figure is reported as
 * a ratio to the trivial route measured in the same run (DESIGN.md §7), so machines compare.
 */
import http from 'node:http';
import autocannon from 'autocannon';

export interface Target {
  name: string;
  path: string;
  /** The status every answer must carry (a 404 target must answer 404, never 200). */
  expectStatus: number;
  headers?: Record<string, string>;
  /** GET unless named; a POST carries `body` as JSON. */
  method?: 'GET' | 'POST';
  body?: string;
}

const requestOf = (target: Target) =>
  target.method === 'POST'
    ? {
        method: 'POST' as const,
        body: target.body,
        headers: { 'content-type': 'application/json', ...(target.headers ?? {}) },
      }
    : { method: 'GET' as const, headers: target.headers ?? {} };

export interface LoadOptions {
  /** Measured slices per target; the targets take turns, one slice each per round. */
  rounds: number;
  /** Seconds per slice. */
  sliceSeconds: number;
  /** Seconds of unmeasured load per target before the first round. */
  warmup: number;
  connections: number;
}

export interface Measurement {
  name: string;
  path: string;
  status: number;
  /** Completed requests per second over the whole run. */
  rps: number;
  requests: number;
  latencyMs: { avg: number; p50: number; p90: number; p99: number; max: number };
  /** Answers with another status, socket errors and timeouts: must be 0 for a valid run. */
  unexpected: number;
}

export interface Comparison {
  target: Measurement;
  /** target req/s ÷ the reference's req/s over the same rounds. */
  ratio: number;
}

/** One loopback load run of a target. */
export async function load(
  baseUrl: string,
  target: Target,
  seconds: number,
  connections: number,
): Promise<Measurement> {
  const r = await autocannon({
    url: baseUrl + target.path,
    connections,
    duration: seconds,
    ...requestOf(target),
    timeout: 10,
  });
  const total = Object.values(r.statusCodeStats).reduce((n, s) => n + s.count, 0);
  const expected = r.statusCodeStats[String(target.expectStatus)]?.count ?? 0;
  return {
    name: target.name,
    path: target.path,
    status: target.expectStatus,
    rps: total / r.duration,
    requests: total,
    latencyMs: {
      avg: r.latency.average,
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      max: r.latency.max,
    },
    unexpected: total - expected + r.errors + r.timeouts,
  };
}

/** One request; throws unless it answers the expected status. Returns the parsed body. */
export async function probe(baseUrl: string, target: Target): Promise<unknown> {
  const res = await fetch(baseUrl + target.path, requestOf(target));
  const text = await res.text();
  if (res.status !== target.expectStatus)
    throw new Error(`${target.name}: expected ${target.expectStatus}, got ${res.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : null;
}

/** Sums slices of one target: req/s over the whole time; p50 the median slice's, p99 the worst slice's. */
function combine(slices: Measurement[]): Measurement {
  const first = slices[0]!;
  const requests = slices.reduce((n, m) => n + m.requests, 0);
  const seconds = slices.reduce((n, m) => n + m.requests / m.rps, 0);
  const sortedP50 = slices.map((m) => m.latencyMs.p50).sort((a, b) => a - b);
  return {
    ...first,
    rps: requests / seconds,
    requests,
    latencyMs: {
      avg: slices.reduce((n, m) => n + m.latencyMs.avg * m.requests, 0) / requests,
      p50: sortedP50[Math.floor(sortedP50.length / 2)]!,
      p90: Math.max(...slices.map((m) => m.latencyMs.p90)),
      p99: Math.max(...slices.map((m) => m.latencyMs.p99)),
      max: Math.max(...slices.map((m) => m.latencyMs.max)),
    },
    unexpected: slices.reduce((n, m) => n + m.unexpected, 0),
  };
}

/**
 * Measures the reference and every target in interleaved rounds (R T1 T2 … R T1 T2 …), so a
 * machine that slows down for a moment slows all of them alike and the ratios hold.
 */
export async function measureInterleaved(
  baseUrl: string,
  reference: Target,
  targets: Target[],
  opts: LoadOptions,
  log: (line: string) => void = () => {},
) {
  const all = [reference, ...targets];
  for (const t of all) await load(baseUrl, t, opts.warmup, opts.connections);
  const slices = all.map(() => [] as Measurement[]);
  for (let round = 0; round < opts.rounds; round++) {
    for (let k = 0; k < all.length; k++)
      slices[k]!.push(await load(baseUrl, all[k]!, opts.sliceSeconds, opts.connections));
    log(`  round ${round + 1}/${opts.rounds}: ${slices.map((s) => s[round]!.rps.toFixed(0)).join(' | ')} req/s`);
  }
  const [ref, ...rest] = slices.map(combine);
  const comparisons: Comparison[] = rest.map((m) => ({ target: m, ratio: m.rps / ref!.rps }));
  return { reference: ref!, comparisons };
}

export interface LatencySample {
  name: string;
  n: number;
  medianUs: number;
  p99Us: number;
  meanUs: number;
}

function getOnce(agent: http.Agent, url: URL, target: Target): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const req = http.get(
      { agent, host: url.hostname, port: url.port, path: target.path, headers: target.headers },
      (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== target.expectStatus) reject(new Error(`${target.name}: got ${res.statusCode}`));
          else resolve(Number(process.hrtime.bigint() - t0) / 1000);
        });
      },
    );
    req.on('error', reject);
  });
}

/**
 * Sequential requests on one keep-alive connection, alternating between the targets, timed
 * in microseconds: a finer view than autocannon's whole-millisecond histogram when two
 * answers must take the same time (out of scope versus missing).
 */
export async function sampleLatency(baseUrl: string, targets: Target[], rounds: number): Promise<LatencySample[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(baseUrl);
  const times = targets.map(() => [] as number[]);
  try {
    for (let i = 0; i < rounds; i++) {
      // Alternate which goes first, so neither always follows the other.
      const order = i % 2 === 0 ? targets.map((_t, k) => k) : targets.map((_t, k) => targets.length - 1 - k);
      for (const k of order) times[k]!.push(await getOnce(agent, url, targets[k]!));
    }
  } finally {
    agent.destroy();
  }
  return targets.map((t, k) => {
    const sorted = times[k]!.slice(rounds >= 100 ? Math.floor(rounds / 10) : 0).sort((a, b) => a - b); // the first tenth is warm-up
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    return {
      name: t.name,
      n: sorted.length,
      medianUs: at(0.5),
      p99Us: at(0.99),
      meanUs: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    };
  });
}
