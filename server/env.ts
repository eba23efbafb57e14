import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PASSWORD_PROFILES, type PasswordProfile } from '../common/password-policy';

/** Validated configuration; built once from the environment in main.ts, passed to buildApp. */
export interface AppConfig {
  port: number;
  host: string;
  /** PostgreSQL server URL; absent means embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  /** The owner role's URL that migrations run as (DESIGN.md §7); absent means DATABASE_URL's. */
  migrationDatabaseUrl?: string;
  dataDir: string;
  /** Demo mode: the 演示模式 banner, `dev_code` in OTP answers, demo seed on an empty database. */
  demo: boolean;
  passwordProfile: PasswordProfile;
  /** Whether cadres must enrol a TOTP second factor before using the console. */
  requireTotp: boolean;
  /** AES-256-GCM data keys by version; the highest version encrypts. */
  dataKeys: Map<number, Buffer>;
  /** HMAC-SHA256 key of the blind indexes (phone, ID number). */
  blindIndexKey: Buffer;
  /** `console` prints codes (demo only); `webhook` POSTs to smsWebhookUrl; `none` refuses to send. */
  smsSender: 'console' | 'webhook' | 'none';
  smsWebhookUrl?: string;
  smsWebhookToken?: string;
  /**
   * Uploads (docs/decisions/0012-uploads.md): where the bytes go (`local`: under DATA_DIR/files/),
   * bytes per file and files per request at most, and uploads per minute from one address with
   * nobody signed in.
   */
  files: { storage: 'local'; maxBytes: number; maxCount: number; anonymousPerMin: number };
  /**
   * The maps' basemap (TILE_URL, a Leaflet `{z}/{x}/{y}` template, `{s}` for subdomains; empty: markers
   * on a plain background, as the tests run) and the coordinate system its tiles are drawn in
   * (TILE_CRS: gcj02 for AMap or Tencent tiles, wgs84 for OpenStreetMap), so the maps convert points for it.
   */
  map: { tileUrl: string; tileCrs: 'wgs84' | 'gcj02' };
  /**
   * Which X-Forwarded-* hops to believe: false (none), a number of proxy hops counted from this
   * server, or the proxies' addresses/CIDRs. Never the whole chain: its first hops are the client's to forge.
   */
  trustProxy: false | number | string[];
  /**
   * The session cookie's Secure flag: `auto` when the request came over HTTPS, seen directly or
   * through a trusted proxy (TRUST_PROXY), `always`, or `never` (a plain-HTTP site on a LAN).
   */
  cookieSecure: 'auto' | 'always' | 'never';
  /** Requests per minute per IP on the API as a whole, and on sign-in / one-time codes. */
  rateLimit: { global: number; auth: number };
  /**
   * One-time codes per network address: how many may be requested a minute (a join drive is many
   * phones behind one address), and how many failed verifications in `addressWindowMinutes` make
   * the address wait for new codes. Per-phone limits are fixed in auth/otp.ts.
   */
  otp: { perAddressPerMin: number; addressFailuresMax: number; addressWindowMinutes: number };
  /** How long a request may take to arrive (headers and body), and a connection may sit idle. */
  requestTimeoutSeconds: number;
  webDir: string;
  logLevel: string;
  /**
   * How many job runs this process works on at once (WORKERS): 1 by default, so `npm start` runs
   * the jobs in-process; 0 serves HTTP only (run `npm run worker` elsewhere, docs: README).
   */
  workers: number;
}

export class ConfigError extends Error {}

function parseKeys(spec: string, name: string): Map<number, Buffer> {
  const keys = new Map<number, Buffer>();
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^v(\d+):([A-Za-z0-9+/=]+)$/.exec(part);
    const key = m ? Buffer.from(m[2]!, 'base64') : undefined;
    if (!m || key?.length !== 32) throw new ConfigError(`${name} must be "v1:<32 bytes base64>[,v2:…]"`);
    keys.set(Number(m[1]), key);
  }
  if (keys.size === 0) throw new ConfigError(`${name} is empty`);
  return keys;
}

/**
 * Embedded mode keeps its keys in the data dir so a laptop install needs no set-up; a
 * server deployment must pass them in the environment (they never live in the database).
 */
function loadOrCreateLocalKeys(dataDir: string): { data: string; index: string } {
  const file = join(dataDir, 'keys.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { data: string; index: string };
  mkdirSync(dataDir, { recursive: true });
  const keys = { data: `v1:${randomBytes(32).toString('base64')}`, index: randomBytes(32).toString('base64') };
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a whole number`);
  return n;
}

/** TRUST_PROXY: `1` = one reverse proxy in front, `2` = two, … or a comma list of the proxies' addresses/CIDRs. */
function parseTrustProxy(raw: string | undefined): AppConfig['trustProxy'] {
  if (!raw || raw === '0' || raw === 'false') return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  const list = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const valid = (entry: string) => {
    const [address, bits, ...rest] = entry.split('/');
    const family = isIP(address ?? '');
    if (!family || rest.length > 0) return false;
    return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
  };
  if (list.length === 0 || !list.every(valid))
    throw new ConfigError(
      'TRUST_PROXY must be the number of proxy hops in front of the server (1 for one reverse proxy) or a comma list of their IP addresses/CIDRs; trusting the whole X-Forwarded-For chain would let clients forge their address',
    );
  return list;
}

/** WORKERS: 0 (HTTP only) to 32 concurrent job runs. */
function workersVar(env: NodeJS.ProcessEnv): number {
  const n = intVar(env, 'WORKERS', 1);
  if (n > 32) throw new ConfigError('WORKERS must be between 0 (serve HTTP only) and 32');
  return n;
}

/** Reads and validates the environment. Throws ConfigError with a readable message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const databaseUrl = env.DATABASE_URL || undefined;
  const dataDir = resolve(env.DATA_DIR || './data');
  const demo = env.GONGHUI_DEMO ? env.GONGHUI_DEMO === '1' || env.GONGHUI_DEMO === 'true' : !databaseUrl;
  const profile = (env.PASSWORD_PROFILE || 'mlps3') as PasswordProfile;
  if (!PASSWORD_PROFILES.includes(profile))
    throw new ConfigError(`PASSWORD_PROFILE must be one of ${PASSWORD_PROFILES.join(', ')}`);

  let dataKeySpec = env.GONGHUI_DATA_KEYS;
  let indexKeySpec = env.GONGHUI_INDEX_KEY;
  if (!dataKeySpec || !indexKeySpec) {
    if (databaseUrl && !demo) {
      throw new ConfigError(
        'GONGHUI_DATA_KEYS and GONGHUI_INDEX_KEY are required with DATABASE_URL (see README: Production)',
      );
    }
    const local = loadOrCreateLocalKeys(dataDir);
    dataKeySpec ||= local.data;
    indexKeySpec ||= local.index;
  }
  const smsSender = (env.SMS_SENDER || (demo ? 'console' : 'none')) as AppConfig['smsSender'];
  if (!['console', 'webhook', 'none'].includes(smsSender))
    throw new ConfigError('SMS_SENDER must be one of console, webhook, none');
  // The console sender prints every code: outside a demo that would hand out anyone's sign-in.
  if (smsSender === 'console' && !demo)
    throw new ConfigError(
      'SMS_SENDER=console prints one-time codes and is for demo mode only; set SMS_SENDER=webhook with SMS_WEBHOOK_URL',
    );
  if (smsSender === 'webhook' && !/^https?:\/\//.test(env.SMS_WEBHOOK_URL ?? ''))
    throw new ConfigError('SMS_SENDER=webhook needs SMS_WEBHOOK_URL (http:// or https://)');
  // The S3-compatible driver is the next one (same object keys); until it lands, refuse the setting
  // rather than write uploads to a disk the operator did not expect.
  if ((env.FILES_STORAGE || 'local') !== 'local')
    throw new ConfigError(
      'FILES_STORAGE must be local (an S3-compatible driver is planned, see docs/decisions/0012-uploads.md)',
    );
  const cookieSecure = (env.COOKIE_SECURE || 'auto') as AppConfig['cookieSecure'];
  if (!['auto', 'always', 'never'].includes(cookieSecure))
    throw new ConfigError('COOKIE_SECURE must be one of auto, always, never');
  const tileUrl = env.TILE_URL || '';
  if (tileUrl && !(/^https?:\/\//.test(tileUrl) && ['{z}', '{x}', '{y}'].every((p) => tileUrl.includes(p))))
    throw new ConfigError('TILE_URL must be an http(s) URL template with {z}, {x} and {y}');
  const tileCrs = env.TILE_CRS || 'gcj02';
  if (tileCrs !== 'gcj02' && tileCrs !== 'wgs84') throw new ConfigError('TILE_CRS must be gcj02 or wgs84');
  const blindIndexKey = Buffer.from(indexKeySpec, 'base64');
  if (blindIndexKey.length < 32) throw new ConfigError('GONGHUI_INDEX_KEY must be at least 32 bytes, base64');

  return {
    port: intVar(env, 'PORT', 3000),
    // The demo's passwords and codes are published: only this machine reaches it unless HOST says otherwise.
    host: env.HOST || (demo ? '127.0.0.1' : '0.0.0.0'),
    databaseUrl,
    migrationDatabaseUrl: env.MIGRATION_DATABASE_URL || undefined,
    dataDir,
    demo,
    passwordProfile: profile,
    requireTotp: env.REQUIRE_TOTP === '1' || env.REQUIRE_TOTP === 'true',
    dataKeys: parseKeys(dataKeySpec, 'GONGHUI_DATA_KEYS'),
    blindIndexKey,
    smsSender,
    smsWebhookUrl: env.SMS_WEBHOOK_URL || undefined,
    smsWebhookToken: env.SMS_WEBHOOK_TOKEN || undefined,
    files: {
      storage: 'local',
      maxBytes: Math.max(1, intVar(env, 'FILES_MAX_MB', 10)) * 1024 * 1024,
      maxCount: Math.max(1, intVar(env, 'FILES_MAX_COUNT', 9)),
      anonymousPerMin: intVar(env, 'FILES_ANONYMOUS_PER_MIN', 10),
    },
    map: { tileUrl, tileCrs },
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    cookieSecure,
    rateLimit: { global: intVar(env, 'RATE_LIMIT_PER_MIN', 600), auth: intVar(env, 'RATE_LIMIT_AUTH_PER_MIN', 20) },
    otp: {
      perAddressPerMin: Math.max(1, intVar(env, 'OTP_PER_ADDRESS_PER_MIN', 60)),
      addressFailuresMax: Math.max(1, intVar(env, 'OTP_ADDRESS_FAILURES_MAX', 20)),
      addressWindowMinutes: Math.max(1, intVar(env, 'OTP_ADDRESS_WINDOW_MIN', 10)),
    },
    requestTimeoutSeconds: Math.max(1, intVar(env, 'REQUEST_TIMEOUT', 30)),
    webDir: resolve(env.WEB_DIR || './dist/web'),
    logLevel: env.LOG_LEVEL || 'info',
    workers: workersVar(env),
  };
}
