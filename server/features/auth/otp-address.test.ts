import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
let phoneSeq = 0;
const nextPhone = () => `136${String(++phoneSeq).padStart(8, '0')}`;

const sendOtp = (phone: string, remoteAddress: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/otp', payload: { phone, purpose: 'join' }, remoteAddress });

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('one-time codes per network address (join drives)', () => {
  it('serves 60 phones a minute from one address (200 in 10 minutes), the 61st waits; each phone stays strict', async () => {
    const phones = Array.from({ length: 60 }, nextPhone);
    for (const phone of phones) expect((await sendOtp(phone, '10.30.0.1')).statusCode).toBe(200);
    expect((await sendOtp(nextPhone(), '10.30.0.1')).statusCode).toBe(429);
    // Per phone: one code a minute, whichever address asks.
    const again = await sendOtp(phones[0]!, '10.30.0.2');
    expect(again.statusCode).toBe(429);
    expect(again.json().error.code).toBe('otp_too_frequent');
  });

  it('refuses new codes to an address after 20 failed verifications; another address is unaffected', async () => {
    const bad = '10.31.0.1';
    for (let i = 0; i < 4; i++) {
      const phone = nextPhone();
      expect((await sendOtp(phone, bad)).statusCode).toBe(200);
      for (let j = 0; j < 5; j++) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/member-login',
          payload: { phone, otp: '000000' },
          remoteAddress: bad,
        });
        expect(res.statusCode).toBe(422);
      }
    }
    const refused = await sendOtp(nextPhone(), bad);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('otp_address_limited');
    expect(refused.json().error.message).toContain('10 分钟');
    expect((await sendOtp(nextPhone(), '10.31.0.2')).statusCode).toBe(200);
  });
});
