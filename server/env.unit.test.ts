import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env';

/** Keys given, so loadConfig writes nothing to a data dir. */
const keys = {
  GONGHUI_DATA_KEYS: `v1:${Buffer.alloc(32, 1).toString('base64')}`,
  GONGHUI_INDEX_KEY: Buffer.alloc(32, 2).toString('base64'),
};
const production = { ...keys, DATABASE_URL: 'postgres://db/x' };

describe('TRUST_PROXY', () => {
  it('is off by default: X-Forwarded-For is not read', () => {
    expect(loadConfig(production).trustProxy).toBe(false);
    expect(loadConfig({ ...production, TRUST_PROXY: '0' }).trustProxy).toBe(false);
  });

  it('names a number of proxy hops, never the whole chain', () => {
    expect(loadConfig({ ...production, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ ...production, TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(() => loadConfig({ ...production, TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, TRUST_PROXY: 'true' })).toThrow(/number of proxy hops/);
  });

  it("or the proxies' own addresses", () => {
    expect(loadConfig({ ...production, TRUST_PROXY: '10.0.0.5, 192.168.1.0/24,::1' }).trustProxy).toEqual([
      '10.0.0.5',
      '192.168.1.0/24',
      '::1',
    ]);
    expect(() => loadConfig({ ...production, TRUST_PROXY: '10.0.0.5,proxy.internal' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ ...production, TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
  });
});

describe('COOKIE_SECURE', () => {
  it('is auto by default, and only auto, always or never', () => {
    expect(loadConfig(production).cookieSecure).toBe('auto');
    expect(loadConfig({ ...production, COOKIE_SECURE: 'always' }).cookieSecure).toBe('always');
    expect(loadConfig({ ...production, COOKIE_SECURE: 'never' }).cookieSecure).toBe('never');
    expect(() => loadConfig({ ...production, COOKIE_SECURE: 'yes' })).toThrow(/COOKIE_SECURE/);
  });
});

describe('TILE_URL', () => {
  it('is empty by default (no basemap), else an http(s) template with {z}, {x} and {y}', () => {
    expect(loadConfig(production).map).toEqual({ tileUrl: '', tileCrs: 'gcj02' });
    const amap = 'https://webrd0{s}.is.autonavi.com/appmaptile?style=8&x={x}&y={y}&z={z}';
    expect(loadConfig({ ...production, TILE_URL: amap }).map.tileUrl).toBe(amap);
    expect(loadConfig({ ...production, TILE_URL: amap, TILE_CRS: 'wgs84' }).map.tileCrs).toBe('wgs84');
    expect(() => loadConfig({ ...production, TILE_CRS: 'bd09' })).toThrow(/TILE_CRS/);
    expect(() => loadConfig({ ...production, TILE_URL: 'https://tiles.example/{z}/{x}.png' })).toThrow(/TILE_URL/);
    expect(() => loadConfig({ ...production, TILE_URL: 'javascript:{z}{x}{y}' })).toThrow(/TILE_URL/);
  });
});

describe('HOST', () => {
  it('is the loopback address in demo mode, whose passwords and codes are published', () => {
    expect(loadConfig(keys).demo).toBe(true);
    expect(loadConfig(keys).host).toBe('127.0.0.1');
    expect(loadConfig({ ...production, GONGHUI_DEMO: '1' }).host).toBe('127.0.0.1');
  });

  it('is every address otherwise, and whatever HOST says when given', () => {
    expect(loadConfig(production).host).toBe('0.0.0.0');
    expect(loadConfig({ ...keys, HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ ...production, HOST: '10.0.0.5' }).host).toBe('10.0.0.5');
  });
});

describe('WORKERS', () => {
  it('runs one job at a time in-process by default; 0 serves HTTP only', () => {
    expect(loadConfig(production).workers).toBe(1);
    expect(loadConfig({ ...production, WORKERS: '0' }).workers).toBe(0);
    expect(loadConfig({ ...production, WORKERS: '4' }).workers).toBe(4);
  });

  it('refuses what is not a count from 0 to 32', () => {
    expect(() => loadConfig({ ...production, WORKERS: 'yes' })).toThrow(/WORKERS/);
    expect(() => loadConfig({ ...production, WORKERS: '-1' })).toThrow(/WORKERS/);
    expect(() => loadConfig({ ...production, WORKERS: '33' })).toThrow(/WORKERS/);
  });
});

describe('uploads', () => {
  it('keep files on the local disk by default, 10 MB and 9 files a request', () => {
    expect(loadConfig(production).files).toEqual({
      storage: 'local',
      maxBytes: 10 * 1024 * 1024,
      maxCount: 9,
      anonymousPerMin: 10,
    });
    expect(loadConfig({ ...production, FILES_MAX_MB: '4', FILES_MAX_COUNT: '3' }).files).toMatchObject({
      maxBytes: 4 * 1024 * 1024,
      maxCount: 3,
    });
  });

  it('refuse a storage driver that does not exist yet, rather than write where the operator did not expect', () => {
    expect(() => loadConfig({ ...production, FILES_STORAGE: 's3' })).toThrow(/FILES_STORAGE must be local/);
  });
});
