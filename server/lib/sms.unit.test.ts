import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../env';
import { createDisabledSmsSender, createWebhookSmsSender, SmsRefusedError } from './sms';

const received: Array<{ auth: string | undefined; body: unknown }> = [];
let status = 200;
let url = '';
const server = createServer((req: IncomingMessage, res) => {
  let data = '';
  req.on('data', (c: Buffer) => void (data += c.toString()));
  req.on('end', () => {
    received.push({ auth: req.headers.authorization, body: JSON.parse(data) });
    res.writeHead(status).end();
  });
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
});
afterAll(() => void server.close());

describe('webhook SMS sender', () => {
  it('posts the phone and text as JSON with the bearer token', async () => {
    await createWebhookSmsSender(url, 's3cret').send('13812345678', '验证码 123456');
    expect(received.at(-1)).toEqual({ auth: 'Bearer s3cret', body: { phone: '13812345678', text: '验证码 123456' } });
  });

  it('answers unavailable when the gateway refuses (certainly not sent) or cannot be reached (perhaps sent)', async () => {
    status = 502;
    const refused = await createWebhookSmsSender(url, undefined)
      .send('13812345678', 'x')
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SmsRefusedError);
    expect(refused).toMatchObject({ code: 'unavailable' });
    status = 200;
    const unreachable = await createWebhookSmsSender('http://127.0.0.1:1/none', undefined, 500)
      .send('13812345678', 'x')
      .catch((e: unknown) => e);
    expect(unreachable).toMatchObject({ code: 'unavailable' });
    expect(unreachable).not.toBeInstanceOf(SmsRefusedError);
  });

  it('without a gateway, refuses to send rather than pretending', async () => {
    await expect(createDisabledSmsSender().send('13812345678', 'x')).rejects.toBeInstanceOf(SmsRefusedError);
  });
});

describe('SMS configuration', () => {
  const production = {
    DATABASE_URL: 'postgres://db/x',
    GONGHUI_DATA_KEYS: `v1:${Buffer.alloc(32, 1).toString('base64')}`,
    GONGHUI_INDEX_KEY: Buffer.alloc(32, 2).toString('base64'),
  };

  it('prints codes to the console only in demo mode', () => {
    expect(() => loadConfig({ ...production, SMS_SENDER: 'console' })).toThrow(/demo mode only/);
    expect(loadConfig({ ...production, GONGHUI_DEMO: '1' }).smsSender).toBe('console');
  });

  it('sends nothing by default in production, and wants a URL for the webhook', () => {
    expect(loadConfig(production).smsSender).toBe('none');
    expect(() => loadConfig({ ...production, SMS_SENDER: 'webhook' })).toThrow(/SMS_WEBHOOK_URL/);
    expect(
      loadConfig({ ...production, SMS_SENDER: 'webhook', SMS_WEBHOOK_URL: 'https://sms.example/send' }),
    ).toMatchObject({ smsSender: 'webhook', smsWebhookUrl: 'https://sms.example/send' });
  });
});
