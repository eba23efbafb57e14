/** Test code: signs built accounts in through the API (product code never imports this). */
import type { TestApp } from '../../testing/test-app';
import { TEST_PASSWORD } from '../accounts/accounts.factories';

/** Signs in through the API and returns the Cookie header for later requests. */
export async function signIn(
  t: Pick<TestApp, 'app'>,
  username: string,
  password = TEST_PASSWORD,
  remoteAddress = '127.0.0.1',
): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress,
  });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'gh_session');
  return `gh_session=${cookie!.value}`;
}

let workerIp = 0;
/**
 * A worker signed in on the H5 by phone (the code demo mode answers with), each from a new address so
 * the per-address code limits never trip; returns the Cookie header.
 */
export async function signInWorker(t: Pick<TestApp, 'app'>, phone: string): Promise<string> {
  workerIp++;
  const sent = await t.app.inject({
    method: 'POST',
    url: '/api/v1/otp',
    payload: { phone, purpose: 'login' },
    remoteAddress: `10.${200 + (workerIp >> 16)}.${(workerIp >> 8) & 255}.${workerIp & 255}`,
  });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/member-login',
    payload: { phone, otp: sent.json().dev_code },
  });
  if (res.statusCode !== 200) throw new Error(`worker sign-in failed: ${res.statusCode} ${res.body}`);
  return `gh_session=${res.cookies.find((c) => c.name === 'gh_session')!.value}`;
}
