import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { PERMISSIONS } from '../../../common/permissions';
import { PageQuery } from '../../http/pagination';
import { IdParams, Nullable, Page, Strict } from '../../http/schemas';
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

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const Status = Type.Union([Type.Literal('active'), Type.Literal('disabled')]);
const AccountItem = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  display_name: Type.String(),
  org_id: Type.Integer(),
  org_name: Type.String(),
  status: Status,
  totp_enabled: Type.Boolean(),
  last_login_at: Nullable(Type.String()),
  grant_count: Type.Integer(),
});
const GrantView = Type.Object({
  id: Type.Integer(),
  org_id: Type.Integer(),
  org_name: Type.Optional(Type.String()),
  role_id: Type.Integer(),
  role_code: Type.String(),
  role_name: Type.String(),
  role_name_en: Type.Optional(Type.String()),
});
const AccountDetail = Type.Composite([
  AccountItem,
  Type.Object({
    must_change_password: Type.Boolean(),
    created_at: Type.String(),
    grants: Type.Array(GrantView),
    is_locked: Type.Boolean({ description: '因登录失败被锁定 Locked by failed sign-ins' }),
    can_manage: Type.Boolean({
      description:
        '调用者能否编辑、停用、重置密码和调整授权 Whether the caller may edit, disable, reset the password of and change the grants of this account',
    }),
  }),
]);
const Role = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  name_en: Type.String(),
  permissions: Type.Array(Type.String()),
  is_system: Type.Boolean(),
});
const Username = Type.String({ minLength: 3, maxLength: 40, pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{2,39}$' });
const DisplayName = Type.String({ minLength: 1, maxLength: 40 });
const Password = Type.String({ minLength: 1, maxLength: 128 });
const Permissions = Type.Array(Type.Union(PERMISSIONS.map((p) => Type.Literal(p))), { maxItems: 50 });

export function accountRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['accounts'];

  r.get(
    '/accounts',
    {
      schema: {
        tags,
        summary: '账号列表 Accounts in scope',
        querystring: Strict({
          org_id: Type.Optional(Id),
          q: Type.Optional(Type.String({ maxLength: 40 })),
          status: Type.Optional(Status),
          ...PageQuery,
        }),
        response: { 200: Page(AccountItem) },
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
        body: Strict({ org_id: Id, username: Username, display_name: DisplayName, password: Password }),
        response: { 201: AccountDetail },
      },
      config: { idempotent: true },
    },
    async (req, reply) => reply.status(201).send(await createAccount(req.ctx, req.body)),
  );

  r.get(
    '/accounts/:id',
    { schema: { tags, summary: '账号详情 One account', params: IdParams, response: { 200: AccountDetail } } },
    async (req) => getAccount(req.ctx, req.params.id),
  );

  r.patch(
    '/accounts/:id',
    {
      schema: {
        tags,
        summary: '编辑/停用账号 Edit, disable or enable',
        params: IdParams,
        body: Strict({ display_name: Type.Optional(DisplayName), status: Type.Optional(Status) }),
        response: { 200: AccountDetail },
      },
    },
    async (req) => updateAccount(req.ctx, req.params.id, req.body),
  );

  r.post(
    '/accounts/:id/reset-password',
    {
      schema: { tags, summary: '重置密码 Reset password', params: IdParams, body: Strict({ password: Password }) },
    },
    async (req, reply) => {
      await resetPassword(req.ctx, req.params.id, req.body);
      return reply.status(204).send();
    },
  );

  r.post(
    '/accounts/:id/unlock',
    {
      schema: { tags, summary: '解除登录锁定 Lift a sign-in lock', params: IdParams, response: { 200: AccountDetail } },
    },
    async (req) => unlockAccount(req.ctx, req.params.id),
  );

  r.post(
    '/accounts/:id/reset-totp',
    {
      schema: {
        tags,
        summary: '重置动态口令（手机丢失或更换） Reset TOTP (lost or replaced phone)',
        params: IdParams,
        body: Strict({ reason: Type.String({ minLength: 2, maxLength: 200 }) }),
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
        body: Strict({ org_id: Id, role_id: Id }),
        response: { 201: GrantView },
      },
    },
    async (req, reply) => reply.status(201).send(await addGrant(req.ctx, req.params.id, req.body)),
  );

  r.delete(
    '/accounts/:id/grants/:grant_id',
    {
      schema: { tags, summary: '撤销授权 Remove a grant', params: Strict({ id: Id, grant_id: Id }) },
    },
    async (req, reply) => {
      await removeGrant(req.ctx, req.params.id, req.params.grant_id);
      return reply.status(204).send();
    },
  );

  r.get(
    '/roles',
    { schema: { tags, summary: '角色 Roles', response: { 200: Type.Object({ items: Type.Array(Role) }) } } },
    async (req) => listRoles(req.ctx),
  );

  r.post(
    '/roles',
    {
      schema: {
        tags,
        summary: '新建角色 Create a role',
        body: Strict({
          code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' }),
          name: Type.String({ minLength: 1, maxLength: 40 }),
          name_en: Type.String({ minLength: 1, maxLength: 60 }),
          permissions: Permissions,
        }),
        response: { 201: Role },
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
        body: Strict({
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
          name_en: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
          permissions: Type.Optional(Permissions),
        }),
        response: { 200: Role },
      },
    },
    async (req) => updateRole(req.ctx, req.params.id, req.body),
  );
}
