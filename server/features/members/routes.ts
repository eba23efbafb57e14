import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  HonourParams,
  LapseBody,
  MemberHistory,
  MemberPatchBody,
  NewHonourBody,
  NewMemberBody,
  MemberListItem,
  MemberListQuery,
  MemberLookupBody,
  MemberLookupResult,
  MemberProfile,
  MyMembership,
  UnmaskBody,
  UnmaskResult,
} from '../../../common/api/members';
import { IdParams, Page } from '../../../common/api/schemas';
import { JSON_BODY, responses, SIGNED_IN } from '../../http/responses';
import { listMembers, lookupMembers } from './list';
import { addHonourByCadre, createMemberByCadre, lapseMemberByCadre, removeHonour, updateMember } from './edit';
import { getMember, getMemberHistory, getMyMembership } from './profile';
import { UNMASK_PER_HOUR, unmaskMember } from './unmask';

/** Member data is personal: no cache, shared or private, keeps a copy. */
const noStore = async (_req: FastifyRequest, reply: FastifyReply) => {
  reply.header('Cache-Control', 'no-store');
};

export function memberRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['members'];

  r.get(
    '/members',
    {
      schema: {
        tags,
        summary: '会员列表 Members in scope',
        querystring: MemberListQuery,
        response: responses({ 200: Page(MemberListItem) }, [...SIGNED_IN, 'validation_failed']),
      },
      onSend: noStore,
    },
    async (req) => listMembers(req.ctx, req.query),
  );

  r.post(
    '/members/lookup',
    {
      schema: {
        tags,
        summary: '按身份证号或手机号精确查找 Exact lookup by ID number or phone',
        body: MemberLookupBody,
        response: responses({ 200: MemberLookupResult }, [...SIGNED_IN, ...JSON_BODY]),
      },
      onSend: noStore,
    },
    async (req) => lookupMembers(req.ctx, req.body),
  );

  r.get(
    '/members/:id',
    {
      schema: {
        tags,
        summary: '会员档案 One member',
        params: IdParams,
        response: responses({ 200: MemberProfile }, [...SIGNED_IN, 'validation_failed', 'not_found']),
      },
      onSend: noStore,
    },
    async (req) => getMember(req.ctx, req.params.id),
  );

  const WRITE = [...SIGNED_IN, ...JSON_BODY, 'not_found', 'forbidden'] as const;

  r.post(
    '/members',
    {
      schema: {
        tags,
        summary: '录入会员 Enter a member (a cadre, into a union in scope)',
        body: NewMemberBody,
        response: responses({ 201: MemberProfile }, [...SIGNED_IN, ...JSON_BODY, 'forbidden', 'already_member']),
      },
      onSend: noStore,
    },
    async (req, reply) => reply.status(201).send(await createMemberByCadre(req.ctx, req.body)),
  );

  r.patch(
    '/members/:id',
    {
      schema: {
        tags,
        summary: '编辑会员 Edit a member (the version read; a stale one is 409)',
        params: IdParams,
        body: MemberPatchBody,
        response: responses({ 200: MemberProfile }, [...WRITE, 'stale_version', 'conflict']),
      },
      onSend: noStore,
    },
    async (req) => updateMember(req.ctx, req.params.id, req.body),
  );

  r.post(
    '/members/:id/lapse',
    {
      schema: {
        tags,
        summary: '办理退会 End a membership (reason; the number is kept)',
        params: IdParams,
        body: LapseBody,
        response: responses({ 200: MemberProfile }, [...WRITE, 'stale_version', 'conflict']),
      },
      onSend: noStore,
    },
    async (req) => lapseMemberByCadre(req.ctx, req.params.id, req.body),
  );

  r.post(
    '/members/:id/honours',
    {
      schema: {
        tags,
        summary: '添加荣誉 Record an honour with its certificate scans',
        params: IdParams,
        body: NewHonourBody,
        response: responses({ 200: MemberProfile }, [...WRITE]),
      },
      onSend: noStore,
    },
    async (req) => addHonourByCadre(req.ctx, req.params.id, req.body),
  );

  r.delete(
    '/members/:id/honours/:honourId',
    {
      schema: {
        tags,
        summary: '删除荣誉 Remove an honour recorded by mistake',
        params: HonourParams,
        response: responses({ 200: MemberProfile }, [...SIGNED_IN, 'validation_failed', 'not_found', 'forbidden']),
      },
      onSend: noStore,
    },
    async (req) => removeHonour(req.ctx, req.params.id, req.params.honourId),
  );

  r.get(
    '/members/:id/history',
    {
      schema: {
        tags,
        summary: '会员档案变更记录 A member’s edit history',
        params: IdParams,
        response: responses({ 200: MemberHistory }, [...SIGNED_IN, 'validation_failed', 'not_found']),
      },
      onSend: noStore,
    },
    async (req) => getMemberHistory(req.ctx, req.params.id),
  );

  r.post(
    '/members/:id/unmask',
    {
      schema: {
        tags,
        summary: '查看完整号码 Show the full ID number and phone (reason, audited)',
        params: IdParams,
        body: UnmaskBody,
        response: responses({ 200: UnmaskResult }, [...SIGNED_IN, ...JSON_BODY, 'not_found', 'forbidden']),
      },
      onSend: noStore,
      config: {
        // Per account, after sign-in is known: a stolen session cannot page through the registry.
        rateLimit: {
          hook: 'preHandler',
          max: UNMASK_PER_HOUR,
          timeWindow: '1 hour',
          keyGenerator: (req: FastifyRequest) =>
            req.ctx.actor?.kind === 'account' ? `members.unmask:${req.ctx.actor.accountId}` : `ip:${req.ip}`,
        },
      },
    },
    async (req) => unmaskMember(req.ctx, req.params.id, req.body),
  );

  r.get(
    '/me/member',
    {
      schema: {
        tags,
        summary: '我的会员信息 The signed-in worker’s own membership',
        response: responses({ 200: MyMembership }, [...SIGNED_IN, 'not_found']),
      },
      onSend: noStore,
      config: { access: 'worker' },
    },
    async (req) => getMyMembership(req.ctx),
  );
}
