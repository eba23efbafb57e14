import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  JoinAnswer,
  JoinBody,
  JoinBulkBody,
  JoinBulkResult,
  JoinCounts,
  JoinDecisionBody,
  JoinOrg,
  JoinOrgParams,
  JoinOrgSearchQuery,
  JoinOrgSearchResult,
  JoinPlaceBody,
  JoinQueueItem,
  JoinQueueQuery,
  JoinRefuseBody,
  JoinSettings,
  JoinSettingsBody,
  JoinSettingsParams,
  JoinStatus,
  JoinStatusBody,
} from '../../../common/api/joins';
import { IdParams, Page } from '../../../common/api/schemas';
import { AppError } from '../../../common/errors';
import { writeIdempotently } from '../../http/idempotency';
import { IDEMPOTENT, JSON_BODY, responses, SIGNED_IN } from '../../http/responses';
import { countJoinQueues, decideJoin, decideJoinsInBulk, listJoinQueue } from './review';
import { getJoinOrg, getJoinStatus, prepareJoin, searchJoinOrgs, submitJoin, verifyJoinOtp } from './service';
import { getJoinSettings, setJoinSettings } from './settings';

/**
 * A join drive is many phones behind one address (a factory's Wi-Fi, a carrier's NAT): a join needs
 * a one-time code, so an address may send as many joins a minute as it may ask for codes
 * (OTP_PER_ADDRESS_PER_MIN, 60 by default); the code is what stops abuse per phone.
 */
const joinLimit = (app: FastifyInstance) => ({ max: app.gonghuiConfig.otp.perAddressPerMin, timeWindow: '1 minute' });
const LOOKUP_LIMIT = { max: 120, timeWindow: '1 minute' };

/** Applications are personal data: no cache, shared or private, keeps a copy. */
const noStore = async (_req: FastifyRequest, reply: FastifyReply) => {
  reply.header('Cache-Control', 'no-store');
};

export function joinRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['joins'];

  r.get(
    '/join/orgs',
    {
      schema: {
        tags,
        summary: '按名称搜索入会单位 Find a union that takes members by name',
        querystring: JoinOrgSearchQuery,
        response: responses({ 200: JoinOrgSearchResult }, ['validation_failed']),
      },
      config: { access: 'public', rateLimit: LOOKUP_LIMIT },
    },
    async (req) => searchJoinOrgs(req.ctx, req.query.q),
  );

  r.get(
    '/join/orgs/:code',
    {
      schema: {
        tags,
        summary: '按工会编码查询入会单位 The union a join code names',
        params: JoinOrgParams,
        response: responses({ 200: JoinOrg }, ['validation_failed', 'not_found']),
      },
      config: { access: 'public', rateLimit: LOOKUP_LIMIT },
    },
    async (req) => getJoinOrg(req.ctx, req.params.code),
  );

  r.post(
    '/join',
    {
      schema: {
        tags,
        summary: '码上入会 Join the union',
        body: JoinBody,
        response: responses({ 201: JoinAnswer }, [
          ...JSON_BODY,
          ...IDEMPOTENT,
          'otp_invalid',
          'otp_exhausted',
          'already_member',
          'application_pending',
          'conflict',
        ]),
      },
      config: { access: 'public', idempotent: 'transaction', rateLimit: joinLimit(app) },
    },
    async (req, reply) => {
      const join = await prepareJoin(req.ctx, req.body);
      try {
        await verifyJoinOtp(req.ctx, join);
      } catch (err) {
        // A retry racing its own first attempt finds the code spent: if the first holds the key,
        // waiting on it replays the first answer; otherwise the code's error stands.
        if (!(err instanceof AppError) || !req.idempotency) throw err;
        return writeIdempotently(req, reply, 201, () => Promise.reject(err));
      }
      return writeIdempotently(req, reply, 201, (tx) => submitJoin(tx, join));
    },
  );

  r.post(
    '/join/status',
    {
      schema: {
        tags,
        summary: '查询入会申请进度 An application’s status',
        body: JoinStatusBody,
        response: responses({ 200: JoinStatus }, [...JSON_BODY, 'not_found']),
      },
      config: { access: 'public', rateLimit: joinLimit(app) },
    },
    async (req) => getJoinStatus(req.ctx, req.body),
  );

  reviewRoutes(app);
}

/** 入会审核: the reviewer's queue and decisions (joins.review in the grant's subtree). */
function reviewRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['joins'];
  const DECIDED = [...SIGNED_IN, ...JSON_BODY, 'not_found', 'stale_version', 'conflict', 'already_member'] as const;

  r.get(
    '/joins',
    {
      schema: {
        tags,
        summary: '入会审核队列 The review queue in scope',
        querystring: JoinQueueQuery,
        response: responses({ 200: Page(JoinQueueItem) }, [...SIGNED_IN, 'validation_failed', 'forbidden']),
      },
      onSend: noStore,
    },
    async (req) => listJoinQueue(req.ctx, req.query),
  );

  r.get(
    '/joins/counts',
    {
      schema: {
        tags,
        summary: '各队列数量与最久等待 Counts per queue and the oldest wait',
        response: responses({ 200: JoinCounts }, [...SIGNED_IN, 'forbidden']),
      },
      onSend: noStore,
    },
    async (req) => countJoinQueues(req.ctx),
  );

  r.post(
    '/joins/:id/approve',
    {
      schema: {
        tags,
        summary: '审核通过（成为会员） Approve: the applicant becomes a member',
        params: IdParams,
        body: JoinDecisionBody,
        response: responses({ 200: JoinQueueItem }, DECIDED),
      },
      onSend: noStore,
    },
    async (req) => decideJoin(req.ctx, req.params.id, req.body.version, { action: 'approve' }),
  );

  r.post(
    '/joins/:id/refuse',
    {
      schema: {
        tags,
        summary: '审核不通过（原因申请人可见） Refuse, with a reason the applicant sees',
        params: IdParams,
        body: JoinRefuseBody,
        response: responses({ 200: JoinQueueItem }, DECIDED),
      },
      onSend: noStore,
    },
    async (req) => decideJoin(req.ctx, req.params.id, req.body.version, { action: 'refuse', reason: req.body.reason }),
  );

  r.post(
    '/joins/:id/place',
    {
      schema: {
        tags,
        summary: '周转库会员安置 Place a pooled member in a union of the county',
        params: IdParams,
        body: JoinPlaceBody,
        response: responses({ 200: JoinQueueItem }, DECIDED),
      },
      onSend: noStore,
    },
    async (req) => decideJoin(req.ctx, req.params.id, req.body.version, { action: 'place', orgId: req.body.org_id }),
  );

  r.post(
    '/joins/bulk',
    {
      schema: {
        tags,
        summary: '批量审核（全部成功或全部不做） Decide many at once, all or none',
        body: JoinBulkBody,
        response: responses({ 200: JoinBulkResult }, [...SIGNED_IN, ...JSON_BODY, 'forbidden', 'stale_version']),
      },
      onSend: noStore,
    },
    async (req) => decideJoinsInBulk(req.ctx, req.body),
  );

  r.get(
    '/joins/settings/:orgId',
    {
      schema: {
        tags,
        summary: '入会审核方式 How a union takes joins',
        params: JoinSettingsParams,
        response: responses({ 200: JoinSettings }, [...SIGNED_IN, 'validation_failed', 'not_found', 'forbidden']),
      },
    },
    async (req) => getJoinSettings(req.ctx, req.params.orgId),
  );

  r.put(
    '/joins/settings/:orgId',
    {
      schema: {
        tags,
        summary: '设置入会审核方式 Approve joins at once, or review them',
        params: JoinSettingsParams,
        body: JoinSettingsBody,
        response: responses({ 200: JoinSettings }, [...SIGNED_IN, ...JSON_BODY, 'not_found', 'forbidden']),
      },
    },
    async (req) => setJoinSettings(req.ctx, req.params.orgId, req.body.auto_approve),
  );
}
