import type { Static } from '@sinclair/typebox';
import type {
  CaseAnswer,
  CaseAnswerBody,
  CaseAnswerPatch,
  CaseAnswerQuery,
  CaseAnswerSuggestBody,
  CaseAnswerSuggestions,
} from '../../../common/api/cases';
import { CASE_SUBJECT_LABELS, type CaseSubject } from '../../../common/cases';
import { AppError, type FieldErrors } from '../../../common/errors';
import { likeEscape, normaliseSearch } from '../../../common/names';
import type { AccountActor } from '../../http/actor';
import { requireAccount, withTransaction, type Ctx } from '../../http/context';
import { decodeCursor, toPage } from '../../http/pagination';
import { inScope, scopeFor } from '../../http/scope';
import { recordAudit } from '../audit/record';
import * as q from './sql';
import * as qa from './answers-sql';

type Row = NonNullable<Awaited<ReturnType<typeof qa.findAnswer>>>;

/**
 * The hotline's knowledge base (常见问题答复): an agent answers on the spot from it. An answer
 * belongs to a union; its subtree reads it and so does every union above (a national answer is
 * everyone's); cases.intake in the union's subtree keeps it.
 */
function readers(actor: AccountActor) {
  const within = scopeFor(actor, 'cases.intake');
  if (within.paths.length === 0) throw new AppError('forbidden');
  return { above: within.paths, within };
}

function present(actor: AccountActor, row: Row): Static<typeof CaseAnswer> {
  return {
    id: row.id,
    org: { id: row.org_id, name: row.org_name },
    kind: row.kind,
    title: row.title,
    body: row.body,
    keywords: row.keywords,
    retired: row.retired,
    version: row.version,
    updated_at: row.updated_at.toISOString(),
    editable: inScope(scopeFor(actor, 'cases.intake'), row.org_path),
  };
}

const seen = (actor: AccountActor, row: Row) => {
  const { above, within } = readers(actor);
  return inScope(within, row.org_path) || above.some((p) => p === row.org_path || p.startsWith(`${row.org_path}.`));
};

export async function listAnswers(ctx: Ctx, query: Static<typeof CaseAnswerQuery>) {
  const actor = requireAccount(ctx);
  const { above, within } = readers(actor);
  const text = normaliseSearch(query.q);
  const limit = query.limit ?? 50;
  const after = decodeCursor(query.cursor, ['string', 'int'] as const);
  const rows = await qa.listAnswers(
    ctx.db,
    {
      above,
      within,
      like: text ? `%${likeEscape(text)}%` : undefined,
      kind: query.kind,
      retired: query.retired ?? false,
    },
    after as [string, number] | undefined,
    limit,
  );
  const page = toPage(rows, limit, (r) => [r.title, r.id]);
  return { items: page.items.map((r) => present(actor, r)), next_cursor: page.next_cursor };
}

/** Two-character words too common in a caller's story to say what it is about. */
const COMMON_PAIRS = new Set(
  '怎么 什么 怎样 如何 我们 他们 你们 没有 可以 一个 这个 那个 请问 是否 为什么 已经 还是 就是 因为 所以 但是 现在 自己 时候 知道 不是 还有 一下 多少 有没'.split(
    ' ',
  ),
);
/** At most this many terms are looked for (a 2000-character story makes far more pairs). */
const MAX_TERMS = 60;

/**
 * The terms a story is searched by: the subject's name, each Latin word or number of 2+
 * characters, and each pair of adjacent Chinese characters (Chinese has no spaces; a pair is the
 * commonest word length, so 「骑手怎么加入工会」 looks for 骑手, 加入, 入工, 工会 …), the commonest pairs left out.
 */
export function storyTerms(subject: string | undefined, text: string | undefined): string[] {
  const terms = new Set<string>();
  const label = subject && (CASE_SUBJECT_LABELS as Record<string, string>)[subject as CaseSubject];
  if (label) terms.add(label);
  for (const run of `${label ?? ''} ${normaliseSearch(text) ?? ''}`.match(/\p{Script=Han}+|[a-z0-9]{2,}/gu) ?? []) {
    if (!/\p{Script=Han}/u.test(run)) {
      terms.add(run.toLowerCase());
      continue;
    }
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) {
      const pair = chars[i]! + chars[i + 1]!;
      if (!COMMON_PAIRS.has(pair)) terms.add(pair);
    }
  }
  return [...terms].slice(0, MAX_TERMS);
}

/**
 * Answers for the intake as it is being filled: matched on the subject and the words of the
 * caller's story, the most terms matched first (the kind's and general answers only).
 */
export async function suggestAnswers(
  ctx: Ctx,
  body: Static<typeof CaseAnswerSuggestBody>,
): Promise<Static<typeof CaseAnswerSuggestions>> {
  const actor = requireAccount(ctx);
  const { above, within } = readers(actor);
  const patterns = storyTerms(body.subject, body.text).map((term) => `%${likeEscape(term)}%`);
  const rows = await qa.suggestAnswers(ctx.db, { above, within, kind: body.kind, patterns }, body.limit ?? 5);
  return { items: rows.map((r) => present(actor, r)) };
}

function checkText(body: { title?: string; body?: string; keywords?: string }): FieldErrors {
  const errors: FieldErrors = {};
  if (body.title !== undefined && !body.title.trim()) errors.title = '请填写问题';
  if (body.body !== undefined && !body.body.trim()) errors.body = '请填写答复内容';
  return errors;
}

export async function createAnswer(ctx: Ctx, body: Static<typeof CaseAnswerBody>) {
  const actor = requireAccount(ctx);
  const scope = scopeFor(actor, 'cases.intake');
  if (scope.paths.length === 0) throw new AppError('forbidden');
  const errors = checkText(body);
  let orgId = actor.grants.find((g) => g.permissions.has('cases.intake'))!.orgId;
  if (body.org_id !== undefined) {
    const org = await q.findOrg(ctx.db, body.org_id);
    if (!org || !inScope(scope, org.path)) errors.org_id = '所属工会不存在或不在本级及下级范围内';
    else orgId = org.id;
  }
  if (Object.keys(errors).length) throw new AppError('validation_failed', errors);
  const id = await withTransaction(ctx, async (tx) => {
    const row = await qa.insertAnswer(tx.db, {
      org_id: orgId,
      kind: body.kind ?? null,
      title: body.title.trim(),
      body: body.body.trim(),
      keywords: body.keywords?.trim() ?? '',
      updated_by: actor.accountId,
    });
    const org = await q.findOrg(tx.db, orgId);
    await recordAudit(tx, {
      action: 'case_answer.created',
      entityType: 'case_answer',
      entityId: row.id,
      orgPath: org!.path,
      details: { title: body.title.trim() },
    });
    return row.id;
  });
  return present(actor, (await qa.findAnswer(ctx.db, id))!);
}

export async function updateAnswer(ctx: Ctx, id: number, patch: Static<typeof CaseAnswerPatch>) {
  const actor = requireAccount(ctx);
  readers(actor); // without cases.intake there is no knowledge base: refused before any answer is looked at
  const row = await qa.findAnswer(ctx.db, id);
  if (!row || !seen(actor, row)) throw new AppError('not_found');
  if (!inScope(scopeFor(actor, 'cases.intake'), row.org_path)) throw new AppError('forbidden');
  const errors = checkText(patch);
  if (Object.keys(errors).length) throw new AppError('validation_failed', errors);
  await withTransaction(ctx, async (tx) => {
    const done = await qa.updateAnswer(tx.db, id, patch.version, {
      ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
      ...(patch.body !== undefined ? { body: patch.body.trim() } : {}),
      ...(patch.keywords !== undefined ? { keywords: patch.keywords.trim() } : {}),
      ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
      ...(patch.retired !== undefined ? { retired: patch.retired } : {}),
      updated_by: actor.accountId,
    });
    if (!done) throw new AppError('stale_version');
    await recordAudit(tx, {
      action: 'case_answer.updated',
      entityType: 'case_answer',
      entityId: id,
      orgPath: row.org_path,
      details: { fields: Object.keys(patch).filter((k) => k !== 'version') },
    });
  });
  return present(actor, (await qa.findAnswer(ctx.db, id))!);
}
