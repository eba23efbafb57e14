import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildQuery, http } from './http';

afterEach(() => vi.unstubAllGlobals());

describe('the web client', () => {
  it("sends the app's own header on every request, so the server takes its writes (CSRF guard)", async () => {
    const fetch = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetch);
    await http.post('/auth/logout');
    await http.patch('/orgs/1', { body: { name: 'x' } });
    await http.delete('/grants/1');
    await http.get('/me');
    expect(fetch).toHaveBeenCalledTimes(4);
    for (const [, init] of fetch.mock.calls as unknown as Array<[string, RequestInit]>)
      expect((init.headers as Record<string, string>)['x-requested-with']).toBe('gonghui');
  });

  it("sends the caller's idempotency key unchanged on every retry", async () => {
    const fetch = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetch);
    await http.post('/join', { body: {}, idempotencyKey: 'draft-key-1' });
    await http.post('/join', { body: {}, idempotencyKey: 'draft-key-1' });
    const keys = (fetch.mock.calls as unknown as Array<[string, RequestInit]>).map(
      ([, init]) => (init.headers as Record<string, string>)['Idempotency-Key'],
    );
    expect(keys).toEqual(['draft-key-1', 'draft-key-1']);
  });

  it('repeats the key of a list value in the query, and leaves out empty values', () => {
    expect(buildQuery({ lat: 28.45, amenity: ['microwave', 'toilet'], open_now: undefined, q: '' })).toBe(
      '?lat=28.45&amenity=microwave&amenity=toilet',
    );
    expect(buildQuery({ amenity: [] })).toBe('');
  });
});
