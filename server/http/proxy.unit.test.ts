import { describe, expect, it } from 'vitest';
import { proxyTrust } from './proxy';

describe('which forwarding hops are believed', () => {
  it('a hop count trusts that many hops, each on a loopback or private network', () => {
    const trust = proxyTrust(1);
    expect(trust).not.toBe(false);
    if (!trust) return;
    expect(trust('127.0.0.1', 0)).toBe(true);
    expect(trust('::ffff:10.1.2.3', 0)).toBe(true);
    expect(trust('::1', 0)).toBe(true);
    expect(trust('10.1.2.3', 1)).toBe(false);
    expect(trust('203.0.113.7', 0)).toBe(false);
  });

  it('a list trusts exactly those proxies, at any hop', () => {
    const trust = proxyTrust(['203.0.113.0/24', '2001:db8::1']);
    if (!trust) throw new Error('expected a trust function');
    expect(trust('203.0.113.9', 0)).toBe(true);
    expect(trust('203.0.113.9', 3)).toBe(true);
    expect(trust('2001:db8::1', 0)).toBe(true);
    expect(trust('203.0.114.1', 0)).toBe(false);
    expect(trust('127.0.0.1', 0)).toBe(false);
  });

  it('nothing when off', () => {
    expect(proxyTrust(false)).toBe(false);
  });
});
