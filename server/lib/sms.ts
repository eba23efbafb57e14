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
export function createConsoleSmsSender(write: (line: string) => void = (l) => process.stdout.write(l + '\n')): SmsSender {
  return {
    name: 'console',
    async send(phone, text) {
      write(`[短信 SMS → ${maskPhone(phone)}] ${text}`);
    },
  };
}
