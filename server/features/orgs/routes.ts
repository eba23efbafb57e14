import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ORG_TYPES } from '../../../common/org-types';
import { PageQuery } from '../../http/pagination';
import { IdParams, Nullable, Page, Strict } from '../../http/schemas';
import { activateOrg, createOrg, deactivateOrg, getOrg, listOrgs, moveOrg, updateOrg } from './service';

const OrgType = Type.Union(ORG_TYPES.map((t) => Type.Literal(t)));
const Status = Type.Union([Type.Literal('active'), Type.Literal('inactive')]);

const OrgListItem = Type.Object({
  id: Type.Integer(),
  parent_id: Nullable(Type.Integer()),
  name: Type.String(),
  short_name: Nullable(Type.String()),
  type: OrgType,
  region_code: Type.String(),
  region_name: Nullable(Type.String()),
  level: Type.Integer(),
  status: Status,
  child_count: Type.Integer(),
  /** ltree of ids from the root: where it sits, so a picker can leave out an org's own subtree. */
  path: Type.String(),
});
const OrgDetail = Type.Composite([
  OrgListItem,
  Type.Object({
    uscc: Nullable(Type.String()),
    address: Nullable(Type.String()),
    lat: Nullable(Type.Number()),
    lng: Nullable(Type.Number()),
    founded_on: Nullable(Type.String()),
    contact_name: Nullable(Type.String()),
    contact_phone: Nullable(Type.String()),
    created_at: Type.String(),
    updated_at: Type.String(),
    ancestors: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
    region_full_name: Nullable(Type.String()),
  }),
]);

const editable = {
  short_name: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  uscc: Type.Optional(Nullable(Type.String({ maxLength: 18, pattern: '^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$' }))),
  address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  lat: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
  lng: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
  founded_on: Type.Optional(Nullable(Type.String({ format: 'date' }))),
  contact_name: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  contact_phone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
};
const Name = Type.String({ minLength: 1, maxLength: 100 });
const RegionCode = Type.String({ pattern: '^[0-9]{6}$' });
const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export function orgRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['orgs'];

  r.get(
    '/orgs',
    {
      schema: {
        tags,
        summary: '组织列表与搜索 List or search orgs in scope',
        querystring: Strict({
          parent_id: Type.Optional(Id),
          q: Type.Optional(Type.String({ maxLength: 50 })),
          type: Type.Optional(OrgType),
          status: Type.Optional(Status),
          ...PageQuery,
        }),
        response: { 200: Page(OrgListItem) },
      },
    },
    async (req) => listOrgs(req.ctx, req.query),
  );

  r.get(
    '/orgs/:id',
    { schema: { tags, summary: '组织详情 One org', params: IdParams, response: { 200: OrgDetail } } },
    async (req) => getOrg(req.ctx, req.params.id),
  );

  r.post(
    '/orgs',
    {
      schema: {
        tags,
        summary: '新建下级组织 Create an org',
        body: Strict({ parent_id: Id, name: Name, type: OrgType, region_code: RegionCode, ...editable }),
        response: { 201: OrgDetail },
      },
      config: { idempotent: true },
    },
    async (req, reply) => reply.status(201).send(await createOrg(req.ctx, req.body)),
  );

  r.patch(
    '/orgs/:id',
    {
      schema: {
        tags,
        summary: '编辑组织 Rename or edit an org',
        params: IdParams,
        body: Strict({
          name: Type.Optional(Name),
          type: Type.Optional(OrgType),
          region_code: Type.Optional(RegionCode),
          ...editable,
        }),
        response: { 200: OrgDetail },
      },
    },
    async (req) => updateOrg(req.ctx, req.params.id, req.body),
  );

  r.post(
    '/orgs/:id/move',
    {
      schema: {
        tags,
        summary: '移动组织及其下级 Move an org with its subtree',
        params: IdParams,
        body: Strict({
          parent_id: Id,
          region_code: Type.Optional(
            Type.String({
              pattern: '^[0-9]{6}$',
              description:
                '新的行政区划（迁往另一地区时）；下级组织中与原区划相同的随之变更 A new region when it moves elsewhere; descendants on the old region follow',
            }),
          ),
        }),
        response: { 200: OrgDetail },
      },
    },
    async (req) => moveOrg(req.ctx, req.params.id, req.body),
  );

  r.post(
    '/orgs/:id/deactivate',
    {
      schema: {
        tags,
        summary: '撤销组织 Deactivate an org',
        params: IdParams,
        body: Strict({ reason: Type.String({ minLength: 2, maxLength: 200 }) }),
        response: { 200: OrgDetail },
      },
    },
    async (req) => deactivateOrg(req.ctx, req.params.id, req.body),
  );

  r.post(
    '/orgs/:id/activate',
    {
      schema: { tags, summary: '恢复组织 Reactivate an org', params: IdParams, response: { 200: OrgDetail } },
    },
    async (req) => activateOrg(req.ctx, req.params.id),
  );
}
