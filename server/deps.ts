import type { Db } from './db/database';
import type { AppConfig } from './env';
import type { AppDeps } from './http/context';
import type { Feature } from './http/feature';
import { createCipher } from './lib/crypto';
import { createConsoleSmsSender, createDisabledSmsSender, createWebhookSmsSender, type SmsSender } from './lib/sms';
import { FEATURES } from './features';

function smsSenderFor(config: AppConfig): SmsSender {
  if (config.smsSender === 'webhook') return createWebhookSmsSender(config.smsWebhookUrl!, config.smsWebhookToken);
  if (config.smsSender === 'console') return createConsoleSmsSender();
  return createDisabledSmsSender();
}

/**
 * The one way to build what buildApp and the services need, used by main, the tests and the
 * bench: the cipher from the configured keys, the SMS sender, and each feature's process state.
 * Tests may add `features` of their own: their state and declarations (file kinds) join the
 * app's, their routes are not served.
 */
export async function createDeps(
  config: AppConfig,
  db: Db,
  overrides: { sms?: SmsSender; features?: readonly Feature[] } = {},
): Promise<AppDeps> {
  const base = {
    db,
    config,
    cipher: createCipher(config.dataKeys, config.blindIndexKey),
    sms: overrides.sms ?? smsSenderFor(config),
  };
  const features = [...FEATURES, ...(overrides.features ?? [])];
  const state = {};
  for (const feature of features)
    if (feature.createState) Object.assign(state, await feature.createState(base, features));
  return { ...base, state: state as AppDeps['state'] };
}
