import type { AppConfig } from '../env';
import type { Db } from '../db/database';
import type { Cipher } from '../lib/crypto';
import type { SmsSender } from '../lib/sms';
import { AppError } from '../../common/errors';
import type { AccountActor, Actor } from './actor';

/** What buildApp is given: the process-wide dependencies. */
export interface AppDeps {
  db: Db;
  config: AppConfig;
  cipher: Cipher;
  sms: SmsSender;
}

/** What a service receives: the dependencies plus who is acting and from where. */
export interface Ctx extends AppDeps {
  actor: Actor | null;
  ip: string;
}

/** The acting console account, or `unauthenticated`. */
export function requireAccount(ctx: Ctx): AccountActor {
  if (ctx.actor?.kind !== 'account') throw new AppError('unauthenticated');
  return ctx.actor;
}
