import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  AccountDetail,
  AccountGrant,
  AccountListItem,
  AccountListQuery,
  AddGrantBody,
  CreateAccountBody,
  CreateRoleBody,
  GrantParams,
  ResetPasswordBody,
  ResetTotpBody,
  Role,
  RoleList,
  UpdateAccountBody,
  UpdateRoleBody,
} from '../../../common/api/accounts';
import { IdParams, NoContent, Page } from '../../../common/api/schemas';
import { writeIdempotently } from '../../http/idempotency';
import { IDEMPOTENT, JSON_BODY, responses, SIGNED_IN } from '../../http/responses';
import {
  addGrant,
  createAccount,
  createRole,
  getAccount,
  listAccounts,
  listRoles,
  removeGrant,
  resetPassword,
  resetTotp,
  unlockAccount,
  updateAccount,
  updateRole,
} from './service';

export function accountRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['accounts'];

  r.get(
    '/accounts',
    {
      schema: {
        tags,
        summary: '账号列表 Accounts in scope',
        querystring: AccountListQuery,
        response: responses({ 200: Page(AccountListItem) }, [...SIGNED_IN, 'validation_failed']),
      },
    },
    async (req) => listAccounts(req.ctx, req.query),
  );

  r.post(
    '/accounts',
    {
      schema: {
        tags,
        summary: '新建账号 Create an account',
        body: CreateAccountBody,
        response: responses({ 201: AccountDetail }, [
          ...SIGNED_IN,
          ...JSON_BODY,
          ...IDEMPOTENT,
          'forbidden',
          'username_taken',
          'password_policy',
        ]),
      },
      config: { idempotent: 'transaction' },
    },
    async (req, reply) => writeIdempotently(req, reply, 201, (tx) => createAccount(tx, req.body)),
  );

  r.get(
    '/accounts/:id',
    {
      schema: {
        tags,
        summary: '账号详情 One account',
        params: IdParams,
        response: responses({ 200: AccountDetail }, [...SIGNED_IN, 'validation_failed', 'not_found']),
      },
    },
    async (req) => getAccount(req.ctx, req.params.id),
  );

  r.patch(
    '/accounts/:id',
    {
      schema: {
        tags,
        summary: '编辑/停用账号 Edit, disable or enable',
        params: IdParams,
        body: UpdateAccountBody,
        response: responses({ 200: AccountDetail }, [...SIGNED_IN, ...JSON_BODY, 'not_found', 'forbidden']),
      },
    },
    async (req) => updateAccount(req.ctx, req.params.id, req.body),
  );

  r.post(
    '/accounts/:id/reset-password',
    {
      schema: {
        tags,
        summary: '重置密码 Reset password',
        response: responses({ 204: NoContent }, [
          ...SIGNED_IN,
          ...JSON_BODY,
          'not_found',
          'forbidden',
          'password_policy',
        ]),
        params: IdParams,
        body: ResetPasswordBody,
      },
    },
    async (req, reply) => {
      await resetPassword(req.ctx, req.params.id, req.body);
      return reply.status(204).send();
    },
  );

  r.post(
    '/accounts/:id/unlock',
    {
      schema: {
        tags,
        summary: '解除登录锁定 Lift a sign-in lock',
        params: IdParams,
        response: responses({ 200: AccountDetail }, [...SIGNED_IN, 'validation_failed', 'not_found', 'forbidden']),
      },
    },
    async (req) => unlockAccount(req.ctx, req.params.id),
  );

  r.post(
    '/accounts/:id/reset-totp',
    {
      schema: {
        tags,
        summary: '重置动态口令（手机丢失或更换） Reset TOTP (lost or replaced phone)',
        response: responses({ 204: NoContent }, [...SIGNED_IN, ...JSON_BODY, 'not_found', 'forbidden', 'conflict']),
        params: IdParams,
        body: ResetTotpBody,
      },
    },
    async (req, reply) => {
      await resetTotp(req.ctx, req.params.id, req.body);
      return reply.status(204).send();
    },
  );

  r.post(
    '/accounts/:id/grants',
    {
      schema: {
        tags,
        summary: '授权 Grant a role on an org',
        params: IdParams,
        body: AddGrantBody,
        response: responses({ 201: AccountGrant }, [
          ...SIGNED_IN,
          ...JSON_BODY,
          ...IDEMPOTENT,
          'not_found',
          'forbidden',
          'conflict',
        ]),
      },
      config: { idempotent: 'transaction' },
    },
    async (req, reply) => writeIdempotently(req, reply, 201, (tx) => addGrant(tx, req.params.id, req.body)),
  );

  r.delete(
    '/accounts/:id/grants/:grant_id',
    {
      schema: {
        tags,
        summary: '撤销授权 Remove a grant',
        response: responses({ 204: NoContent }, [...SIGNED_IN, 'validation_failed', 'not_found', 'forbidden']),
        params: GrantParams,
      },
    },
    async (req, reply) => {
      await removeGrant(req.ctx, req.params.id, req.params.grant_id);
      return reply.status(204).send();
    },
  );

  r.get(
    '/roles',
    { schema: { tags, summary: '角色 Roles', response: responses({ 200: RoleList }, [...SIGNED_IN]) } },
    async (req) => listRoles(req.ctx),
  );

  r.post(
    '/roles',
    {
      schema: {
        tags,
        summary: '新建角色 Create a role',
        body: CreateRoleBody,
        response: responses({ 201: Role }, [...SIGNED_IN, ...JSON_BODY, 'forbidden', 'conflict']),
      },
    },
    async (req, reply) => reply.status(201).send(await createRole(req.ctx, req.body)),
  );

  r.patch(
    '/roles/:id',
    {
      schema: {
        tags,
        summary: '编辑角色 Edit a role',
        params: IdParams,
        body: UpdateRoleBody,
        response: responses({ 200: Role }, [...SIGNED_IN, ...JSON_BODY, 'not_found', 'forbidden']),
      },
    },
    async (req) => updateRole(req.ctx, req.params.id, req.body),
  );
}
