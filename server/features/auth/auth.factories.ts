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
