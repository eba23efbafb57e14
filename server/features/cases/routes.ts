import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CadreCaseBody,
  CaseAnswer,
  CaseAnswerBody,
  CaseAnswerPatch,
  CaseAnswerQuery,
  CaseAnswerSuggestBody,
  CaseAnswerSuggestions,
  CallerLookup,
  CallerLookupBody,
  CaseCounts,
  CaseListItem,
  CaseListQuery,
  CaseStepBody,
  CaseStepParams,
  CaseView,
  CoHandlerBody,
  CollectiveBody,
  SimilarCases,
} from '../../../common/api/cases';
import {
  CaseDutyPhoneBody,
  CaseDutyPhoneParams,
  CaseDutyPhones,
  CaseSettingsBody,
  CaseSettingsParams,
  CaseSettingsView,
  CaseStatusLabelBody,
  CaseStatusLabelParams,
  CaseStatusLabels,
} from '../../../common/api/case-settings';
import { IdParams, Page } from '../../../common/api/schemas';
import { AppError } from '../../../common/errors';
import type { Static } from '@sinclair/typebox';
import { requireAccount, type Ctx } from '../../http/context';
import { writeIdempotently } from '../../http/idempotency';
import { JSON_BODY, responses, SIGNED_IN } from '../../http/responses';
import { inScope, scopeFor } from '../../http/scope';
import { openCase } from './open';
import { createAnswer, listAnswers as listKnowledge, suggestAnswers, updateAnswer } from './answers';
import { addCoHandler, findSimilar, makeCollective } from './collective';
import { countCaseQueues, getCase, listCases, lookUpCaller } from './read';
import { addDutyPhone, getDutyPhones, removeDutyPhone } from './duty';
import { getCaseSettings, setCaseSettings } from './settings-service';
import { findOrg } from './sql';
import { getStatusLabels, resetStatusLabel, setStatusLabel } from './status-labels';
import { takeStep } from './steps';

/** A case names a person and their story: no cache keeps a copy. */
const noStore = async (_req: FastifyRequest, reply: FastifyReply) => {
  reply.header('Cache-Control', 'no-store');
};

/** The console's case routes: lists and queues, the record, the steps, cadre and hotline intake. */
export function caseRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['cases'];

  r.get(
    '/cases',
    {
      schema: {
        tags,
        summary: '工单列表与队列 Cases in scope: queues, filters, most urgent first',
        querystring: CaseListQuery,
        response: responses({ 200: Page(CaseListItem) }, [...SIGNED_IN, 'validation_failed', 'forbidden']),
      },
      onSend: noStore,
    },
    async (req) => listCases(req.ctx, req.query),
  );

  r.get(
    '/cases/counts',
    {
      schema: {
        tags,
        summary: '待办数量 The caller’s queue counts',
        response: responses({ 200: CaseCounts }, [...SIGNED_IN, 'forbidden']),
      },
      onSend: noStore,
    },
    async (req) => countCaseQueues(req.ctx),
  );

  r.post(
    '/cases/caller-lookup',
    {
      schema: {
        tags,
        summary: '来电查询（手机号放在请求体中） A caller’s earlier cases by phone',
        body: CallerLookupBody,
        response: responses({ 200: CallerLookup }, [...SIGNED_IN, ...JSON_BODY, 'forbidden']),
      },
      onSend: noStore,
    },
    async (req) => {
      const actor = requireAccount(req.ctx);
      if (scopeFor(actor, 'cases.intake').paths.length === 0) throw new AppError('forbidden');
      return lookUpCaller(req.ctx, req.body.phone);
    },
  );

  r.post(
    '/cases/intake',
    {
      schema: {
        tags,
        summary: '登记工单（热线坐席、干部） Open a case for a caller or as a cadre',
        body: CadreCaseBody,
        response: responses({ 201: CaseView }, [...SIGNED_IN, ...JSON_BODY, 'forbidden', 'conflict']),
      },
      config: { idempotent: 'transaction' },
      onSend: noStore,
    },
    async (req, reply) =>
      writeIdempotently(req, reply, 201, async (tx) => getCase(tx, await openCaseInConsole(tx, req.body))),
  );

  r.get(
    '/cases/answers',
    {
      schema: {
        tags,
        summary: '热线知识库 The hotline’s knowledge base: search the common answers',
        querystring: CaseAnswerQuery,
        response: responses({ 200: Page(CaseAnswer) }, [...SIGNED_IN, 'validation_failed', 'forbidden']),
      },
    },
    async (req) => listKnowledge(req.ctx, req.query),
  );

  r.post(
    '/cases/answers',
    {
      schema: {
        tags,
        summary: '新增知识库答复 Add an answer to the knowledge base',
        body: CaseAnswerBody,
        response: responses({ 201: CaseAnswer }, [...SIGNED_IN, ...JSON_BODY, 'forbidden']),
      },
    },
    async (req, reply) => {
      const answer = await createAnswer(req.ctx, req.body);
      reply.code(201);
      return answer;
    },
  );

  r.post(
    '/cases/answers/suggest',
    {
      schema: {
        tags,
        summary: '按诉求内容推荐知识库答复 Answers matching the intake’s subject and story',
        body: CaseAnswerSuggestBody,
        response: responses({ 200: CaseAnswerSuggestions }, [...SIGNED_IN, ...JSON_BODY, 'forbidden']),
      },
      onSend: noStore,
    },
    async (req) => suggestAnswers(req.ctx, req.body),
  );

  r.patch(
    '/cases/answers/:id',
    {
      schema: {
        tags,
        summary: '编辑或停用知识库答复 Edit or retire an answer',
        params: IdParams,
        body: CaseAnswerPatch,
        response: responses({ 200: CaseAnswer }, [
          ...SIGNED_IN,
          ...JSON_BODY,
          'not_found',
          'forbidden',
          'stale_version',
        ]),
      },
    },
    async (req) => updateAnswer(req.ctx, req.params.id, req.body),
  );

  r.get(
    '/cases/settings/:orgId',
    {
      schema: {
        tags,
        summary: '工单时限设置（下级继承） An org’s deadline settings, inherited down the tree',
        params: CaseSettingsParams,
        response: responses({ 200: CaseSettingsView }, [...SIGNED_IN, 'validation_failed', 'not_found']),
      },
    },
    async (req) => getCaseSettings(req.ctx, req.params.orgId),
  );

  r.put(
    '/cases/settings/:orgId',
    {
      schema: {
        tags,
        summary: '设置工单时限 Set an org’s deadline settings, or inherit again',
        params: CaseSettingsParams,
        body: CaseSettingsBody,
        response: responses({ 200: CaseSettingsView }, [...SIGNED_IN, ...JSON_BODY, 'not_found']),
      },
    },
    async (req) => setCaseSettings(req.ctx, req.params.orgId, req.body),
  );

  r.get(
    '/cases/settings/:orgId/duty-phones',
    {
      schema: {
        tags,
        summary: '紧急诉求值班电话（未设置的沿用上级） An org’s duty phones paged on emergencies',
        params: CaseSettingsParams,
        response: responses({ 200: CaseDutyPhones }, [...SIGNED_IN, 'validation_failed', 'not_found']),
      },
      onSend: noStore,
    },
    async (req) => getDutyPhones(req.ctx, req.params.orgId),
  );

  r.post(
    '/cases/settings/:orgId/duty-phones',
    {
      schema: {
        tags,
        summary: '添加值班电话 Add a duty phone to an org',
        params: CaseSettingsParams,
        body: CaseDutyPhoneBody,
        response: responses({ 201: CaseDutyPhones }, [...SIGNED_IN, ...JSON_BODY, 'not_found', 'conflict']),
      },
      onSend: noStore,
    },
    async (req, reply) => {
      const view = await addDutyPhone(req.ctx, req.params.orgId, req.body);
      reply.code(201);
      return view;
    },
  );

  r.delete(
    '/cases/settings/:orgId/duty-phones/:id',
    {
      schema: {
        tags,
        summary: '删除值班电话 Remove a duty phone',
        params: CaseDutyPhoneParams,
        response: responses({ 200: CaseDutyPhones }, [...SIGNED_IN, 'validation_failed', 'not_found']),
      },
      onSend: noStore,
    },
    async (req) => removeDutyPhone(req.ctx, req.params.orgId, req.params.id),
  );

  r.get(
    '/cases/settings/:orgId/statuses',
    {
      schema: {
        tags,
        summary: '工单状态名称（下级继承） The statuses as an org names them',
        params: CaseSettingsParams,
        response: responses({ 200: CaseStatusLabels }, [...SIGNED_IN, 'validation_failed', 'not_found']),
      },
    },
    async (req) => getStatusLabels(req.ctx, req.params.orgId),
  );

  r.put(
    '/cases/settings/:orgId/statuses/:code',
    {
      schema: {
        tags,
        summary: '修改工单状态名称 Relabel a status for an org’s subtree',
        params: CaseStatusLabelParams,
        body: CaseStatusLabelBody,
        response: responses({ 200: CaseStatusLabels }, [...SIGNED_IN, ...JSON_BODY, 'not_found']),
      },
    },
    async (req) => setStatusLabel(req.ctx, req.params.orgId, req.params.code, req.body),
  );

  r.delete(
    '/cases/settings/:orgId/statuses/:code',
    {
      schema: {
        tags,
        summary: '恢复工单状态名称 Drop an org’s own label for a status',
        params: CaseStatusLabelParams,
        response: responses({ 200: CaseStatusLabels }, [...SIGNED_IN, 'validation_failed', 'not_found']),
      },
    },
    async (req) => resetStatusLabel(req.ctx, req.params.orgId, req.params.code),
  );

  r.post(
    '/cases/collective',
    {
      schema: {
        tags,
        summary: '合并为集体诉求 Group reports under one collective case',
        body: CollectiveBody,
        response: responses({ 201: CaseView }, [...SIGNED_IN, ...JSON_BODY, 'forbidden', 'stale_version', 'conflict']),
      },
      onSend: noStore,
    },
    async (req, reply) => {
      const id = await makeCollective(req.ctx, req.body);
      reply.code(201);
      return getCase(req.ctx, id);
    },
  );

  r.get(
    '/cases/:id/similar',
    {
      schema: {
        tags,
        summary: '疑似集体诉求 Open cases like this one (same employer, station or place)',
        params: IdParams,
        response: responses({ 200: SimilarCases }, [...SIGNED_IN, 'validation_failed', 'not_found']),
      },
      onSend: noStore,
    },
    async (req) => findSimilar(req.ctx, req.params.id),
  );

  r.post(
    '/cases/:id/co-handlers',
    {
      schema: {
        tags,
        summary: '添加协办工会（跨省首接负责） Add a co-handling union',
        params: IdParams,
        body: CoHandlerBody,
        response: responses({ 200: CaseView }, [...SIGNED_IN, ...JSON_BODY, 'not_found', 'forbidden', 'stale_version']),
      },
      onSend: noStore,
    },
    async (req) => {
      await addCoHandler(req.ctx, req.params.id, req.body);
      return getCase(req.ctx, req.params.id);
    },
  );

  r.get(
    '/cases/:id',
    {
      schema: {
        tags,
        summary: '工单详情 One case, its timeline and the caller’s steps',
        params: IdParams,
        response: responses({ 200: CaseView }, [...SIGNED_IN, 'validation_failed', 'not_found']),
      },
      onSend: noStore,
    },
    async (req) => getCase(req.ctx, req.params.id),
  );

  r.post(
    '/cases/:id/:action',
    {
      schema: {
        tags,
        summary: '办理一步（派单、签收、退单、反馈、审核…） Take one step on a case',
        params: CaseStepParams,
        body: CaseStepBody,
        response: responses({ 200: CaseView }, [
          ...SIGNED_IN,
          ...JSON_BODY,
          'not_found',
          'forbidden',
          'stale_version',
          'case_transition',
          'case_deadline_passed',
        ]),
      },
      onSend: noStore,
    },
    async (req) => {
      await takeStep(req.ctx, req.params.id, req.params.action, req.body);
      return getCase(req.ctx, req.params.id);
    },
  );
}

/**
 * Opens a case in the console (a hotline agent for a caller, a cadre), received by the union the
 * caller names or their first intake grant's; answered on the spot, it closes in the same transaction.
 */
async function openCaseInConsole(ctx: Ctx, body: Static<typeof CadreCaseBody>): Promise<number> {
  const actor = requireAccount(ctx);
  const intake = scopeFor(actor, 'cases.intake');
  if (intake.paths.length === 0) throw new AppError('forbidden');
  let orgId = actor.grants.find((g) => g.permissions.has('cases.intake'))!.orgId;
  if (body.org_id !== undefined) {
    const org = await findOrg(ctx.db, body.org_id);
    if (!org || !inScope(intake, org.path))
      throw new AppError('validation_failed', { org_id: '受理工会不存在或不在本级及下级范围内' });
    orgId = org.id;
  }
  const answer = body.answer?.trim() || null;
  const opened = await openCase(ctx, {
    kind: body.kind,
    subject: body.subject,
    description: body.description,
    channel: body.channel ?? 'hotline',
    name: body.name,
    phone: body.phone,
    anonymous: body.anonymous,
    employer: body.employer,
    employerUscc: body.employer_uscc,
    wageClaimedFen: body.wage_claimed_fen,
    lat: body.lat,
    lng: body.lng,
    crs: body.crs,
    regionCode: body.region_code,
    stationId: body.station_id,
    severity: body.severity,
    emergency: body.emergency,
    tier: body.tier,
    receivingOrgId: orgId,
    intakeAccountId: actor.accountId,
    attachments: body.attachments,
  });
  if (answer) await takeStep(ctx, opened.id, 'answer', { version: 1, reason: answer });
  return opened.id;
}
