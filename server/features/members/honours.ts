import { AppError } from '../../../common/errors';
import type { HardshipLevel, HonourKind, HonourLevel } from '../../../common/members';
import type { Ctx } from '../../http/context';
import * as q from './sql';

export interface NewHonour {
  kind: HonourKind;
  level: HonourLevel;
  year: number;
  title?: string | null;
  awardedBy?: string | null;
}

/** Records an honour (劳模, 工匠, 五一劳动奖章, 技术能手) on a member's profile, inside the caller's transaction. */
export async function addHonour(tx: Ctx, memberId: number, honour: NewHonour): Promise<void> {
  await q.insertHonour(tx.db, {
    member_id: memberId,
    kind: honour.kind,
    level: honour.level,
    year: honour.year,
    title: honour.title ?? null,
    awarded_by: honour.awardedBy ?? null,
  });
}

/** Sets or clears a member's hardship level (困难职工建档), inside the caller's transaction. */
export async function setHardshipLevel(tx: Ctx, memberId: number, level: HardshipLevel | null): Promise<void> {
  if (!(await q.updateHardshipLevel(tx.db, memberId, level))) throw new AppError('not_found');
}
