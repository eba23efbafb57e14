/**
 * The server half of `npm run bench`, forked by bench/run.ts so the load generator and the
 * app each get a core: opens the database (an on-disk PGlite in a temp dir, or the PostgreSQL
 * database named by BENCH_DB_URL), generates the tree, signs cadres in, listens on loopback
 * and reports the fixture over IPC. Stops on the parent's 'stop' message.
 */
import { buildApp } from '../server/app';
import { openBenchDatabase } from './database';
import { createDeps } from '../server/deps';
import { migrate } from '../server/db/migrate';
import { createConsoleSmsSender } from '../server/lib/sms';
import { buildAccount } from '../server/features/accounts/accounts.factories';
import { signIn } from '../server/features/auth/auth.factories';
import { testConfig } from '../server/testing/test-app';
import { pinyinKeys } from '../common/names';
import { generateMembers } from './generate-members';
import { generateStations } from './generate-stations';
import { generateTree } from './generate-tree';

/** What the parent needs to aim its requests. */
export interface BenchFixture {
  port: number;
  database: 'pglite' | 'postgres';
  serverVersion: string;
  orgs: number;
  generateMs: number;
  county: { id: number; name: string; cookie: string };
  nationalCookie: string;
  inScopeId: number;
  outOfScopeId: number;
  missingId: number;
  /** A pinyin fragment a cadre would type: the name of a street in the county. */
  searchQuery: string;
  /** The generated stations (bench/generate-stations.ts) and the nearby search a rider makes. */
  stations: { count: number; generateMs: number; nearbyPath: string };
  /** The generated member registry (bench/generate-members.ts). */
  members: {
    count: number;
    generateMs: number;
    inScopeId: number;
    outOfScopeId: number;
    missingId: number;
    lookupIdNumber: string;
    initials: string;
  };
}

/** Members generated: 1M on PostgreSQL, 200k on PGlite (whose pages live in WASM memory), or BENCH_MEMBERS. */
const memberCount = () => Number(process.env.BENCH_MEMBERS ?? (process.env.BENCH_DB_URL ? 1_000_000 : 200_000));

/** Stations generated: 200k (DESIGN.md §7), or BENCH_STATIONS. */
const stationCount = () => Number(process.env.BENCH_STATIONS ?? 200_000);

// The county whose cadre signs in (宿城区, as in the demo) and a county in another province.
const COUNTY_CODE = '321302';
const OTHER_COUNTY_CODE = '361102'; // 江西 上饶 信州区

async function main(): Promise<void> {
  const { database, cleanup } = await openBenchDatabase('gonghui-bench-');
  await migrate(database.pool);
  const tree = await generateTree(database.db, {
    streetsPerCounty: Number(process.env.BENCH_STREETS ?? 2),
    enterprisesPerStreet: Number(process.env.BENCH_ENTERPRISES ?? 2),
  });
  const county = tree.counties.get(COUNTY_CODE)!;
  const other = tree.counties.get(OTHER_COUNTY_CODE)!;

  // The rate limiter stays in the pipeline (its cost is part of every request) but never trips.
  const config = testConfig({ demo: false, rateLimit: { global: 1_000_000_000, auth: 1_000_000_000 } });
  const deps = await createDeps(config, database.db, { sms: createConsoleSmsSender() });
  const memberOrgIds = [...tree.counties.values()].flatMap((c) => [...c.streets, ...c.enterprises].map((o) => o.id));
  // The county's searches (a common surname, a name's initials) must find members in its few
  // unions: each union needs five or so (the PGlite default has ten).
  const perUnion = 5;
  if (memberCount() < memberOrgIds.length * perUnion)
    throw new Error(
      `BENCH_MEMBERS=${memberCount()} is too few: the members are dealt round ${memberOrgIds.length} unions, and the county's searches need ${perUnion} in each (BENCH_MEMBERS ≥ ${memberOrgIds.length * perUnion})`,
    );
  const members = await generateMembers(database.db, deps.cipher, {
    count: memberCount(),
    orgIds: memberOrgIds,
    inOrgId: county.enterprises[0]!.id,
    otherOrgId: other.enterprises[0]!.id,
  });
  const stations = await generateStations(database.db, { count: stationCount(), orgId: tree.root.id });
  // The index loaded before the first request (a node answers from the database until then).
  await deps.state.stations.reload();
  const app = await buildApp(deps);
  await app.ready();
  await buildAccount(database, { org: county.county, role: 'org_admin', username: 'bench_county' });
  await buildAccount(database, { org: tree.root, role: 'national_admin', username: 'bench_national' });
  const countyCookie = await signIn({ app }, 'bench_county');
  const nationalCookie = await signIn({ app }, 'bench_national');
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');

  const streetWord = county.streets[0]!.name.slice(county.region.name.length).replace(/(街道|镇)总工会$/, '');
  const fixture: BenchFixture = {
    port: address.port,
    database: database.kind,
    serverVersion: (await database.pool.query<{ server_version: string }>('SHOW server_version')).rows[0]!
      .server_version,
    orgs: tree.orgs,
    generateMs: Math.round(tree.ms),
    county: { id: county.county.id, name: county.county.name, cookie: countyCookie },
    nationalCookie,
    inScopeId: county.enterprises[county.enterprises.length - 1]!.id,
    outOfScopeId: other.enterprises[0]!.id,
    missingId: tree.maxId + 1_000_000,
    searchQuery: pinyinKeys(streetWord).name_pinyin,
    stations: {
      count: stationCount(),
      generateMs: Math.round(stations.ms),
      // A rider in a dense core (Shanghai's centre): k=10, open now, one amenity (DESIGN.md §7).
      nearbyPath: '/stations/nearby?lat=31.2304&lng=121.4737&crs=gcj02&limit=10&open_now=true&amenity=microwave',
    },
    members: {
      count: members.members,
      generateMs: Math.round(members.ms),
      inScopeId: members.inScopeId,
      outOfScopeId: members.outOfScopeId,
      missingId: members.maxId + 1_000_000,
      lookupIdNumber: members.lookupIdNumber,
      initials: members.initials,
    },
  };
  process.send!({ type: 'ready', fixture });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await database.close();
    cleanup();
    process.exit(0);
  };
  process.on('message', (msg: { type?: string }) => void (msg.type === 'stop' && stop()));
  // An orphan (the parent crashed) stops too, so no PGlite temp dir or PostgreSQL client lingers.
  process.on('disconnect', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
