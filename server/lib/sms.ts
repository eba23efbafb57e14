import { AppError } from '../../common/errors';
import { maskPhone } from './crypto';

/** Sends a text message. A real provider (阿里云, 腾讯云 …) implements this interface. */
export interface SmsSender {
  readonly name: string;
  send(phone: string, text: string): Promise<void>;
}

/**
 * The demo sender: writes the message to the console with the phone masked. The code
 * itself is printed because that is the point of a demo; never use it in production.
 */
export function createConsoleSmsSender(
  write: (line: string) => void = (l) => process.stdout.write(l + '\n'),
): SmsSender {
  return {
    name: 'console',
    async send(phone, text) {
      write(`[短信 SMS → ${maskPhone(phone)}] ${text}`);
    },
  };
}

/** The gateway said no (or there is none): the message certainly did not go out. */
export class SmsRefusedError extends AppError {
  constructor(message: string) {
    super('unavailable', undefined, message);
  }
}

/**
 * A gateway reached over HTTP: POSTs `{ phone, text }` as JSON, with `Authorization: Bearer`
 * when a token is set. Sites put their provider (阿里云, 腾讯云 …) or their own relay behind it.
 * A refusal answers SmsRefusedError (not sent); a timeout a plain `unavailable` (perhaps sent).
 */
export function createWebhookSmsSender(url: string, token: string | undefined, timeoutMs = 5000): SmsSender {
  return {
    name: 'webhook',
    async send(phone, text) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ phone, text }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch {
        // A timeout or a dropped connection: the gateway may still have sent it.
        throw new AppError('unavailable', undefined, '短信发送结果未知，请稍候查看短信，或稍后再试');
      }
      if (!res.ok) throw new SmsRefusedError('短信发送失败，请稍后再试');
    },
  };
}

/** No gateway configured (a production deployment that has not set one up): member codes cannot go out. */
export function createDisabledSmsSender(): SmsSender {
  return {
    name: 'none',
    async send() {
      throw new SmsRefusedError('短信服务未配置，暂时无法发送验证码');
    },
  };
}
