import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CreateOrgBody,
  CrsQuery,
  DeactivateOrgBody,
  MoveOrgBody,
  OrgDetail,
  OrgListItem,
  OrgListQuery,
  UpdateOrgBody,
} from '../../../common/api/orgs';
import { IdParams, Page } from '../../../common/api/schemas';
import { writeIdempotently } from '../../http/idempotency';
import { IDEMPOTENT, JSON_BODY, responses, SIGNED_IN } from '../../http/responses';
import { bodyInWgs84, inCrs } from './coordinates';
import { activateOrg, createOrg, deactivateOrg, getOrg, listOrgs, moveOrg, updateOrg } from './service';

export function orgRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['orgs'];

  r.get(
    '/orgs',
    {
      schema: {
        tags,
        summary: '组织列表与搜索 List or search orgs in scope',
        querystring: OrgListQuery,
        response: responses({ 200: Page(OrgListItem) }, [...SIGNED_IN, 'validation_failed']),
      },
    },
    async (req) => listOrgs(req.ctx, req.query),
  );

  r.get(
    '/orgs/:id',
    {
      schema: {
        tags,
        summary: '组织详情 One org',
        params: IdParams,
        querystring: CrsQuery,
        response: responses({ 200: OrgDetail }, [...SIGNED_IN, 'validation_failed', 'not_found']),
      },
    },
    async (req) => inCrs(await getOrg(req.ctx, req.params.id), req.query.crs),
  );

  r.post(
    '/orgs',
    {
      schema: {
        tags,
        summary: '新建下级组织 Create an org',
        body: CreateOrgBody,
        response: responses({ 201: OrgDetail }, [
          ...SIGNED_IN,
          ...JSON_BODY,
          ...IDEMPOTENT,
          'forbidden',
          'conflict',
          'org_inactive',
        ]),
      },
      config: { idempotent: 'transaction' },
    },
    async (req, reply) =>
      writeIdempotently(req, reply, 201, async (tx) => inCrs(await createOrg(tx, bodyInWgs84(req.body)), req.body.crs)),
  );

  r.patch(
    '/orgs/:id',
    {
      schema: {
        tags,
        summary: '编辑组织 Rename or edit an org',
        params: IdParams,
        body: UpdateOrgBody,
        response: responses({ 200: OrgDetail }, [...SIGNED_IN, ...JSON_BODY, 'not_found', 'forbidden', 'conflict']),
      },
    },
    async (req) => inCrs(await updateOrg(req.ctx, req.params.id, bodyInWgs84(req.body)), req.body.crs),
  );

  r.post(
    '/orgs/:id/move',
    {
      schema: {
        tags,
        summary: '移动组织及其下级 Move an org with its subtree',
        params: IdParams,
        querystring: CrsQuery,
        body: MoveOrgBody,
        response: responses({ 200: OrgDetail }, [
          ...SIGNED_IN,
          ...JSON_BODY,
          'not_found',
          'forbidden',
          'conflict',
          'org_cycle',
          'org_is_root',
          'org_inactive',
        ]),
      },
    },
    async (req) => inCrs(await moveOrg(req.ctx, req.params.id, req.body), req.query.crs),
  );

  r.post(
    '/orgs/:id/deactivate',
    {
      schema: {
        tags,
        summary: '撤销组织 Deactivate an org',
        params: IdParams,
        querystring: CrsQuery,
        body: DeactivateOrgBody,
        response: responses({ 200: OrgDetail }, [
          ...SIGNED_IN,
          ...JSON_BODY,
          'not_found',
          'forbidden',
          'org_has_active_children',
          'org_is_root',
        ]),
      },
    },
    async (req) => inCrs(await deactivateOrg(req.ctx, req.params.id, req.body), req.query.crs),
  );

  r.post(
    '/orgs/:id/activate',
    {
      schema: {
        tags,
        summary: '恢复组织 Reactivate an org',
        params: IdParams,
        querystring: CrsQuery,
        response: responses({ 200: OrgDetail }, [
          ...SIGNED_IN,
          'validation_failed',
          'not_found',
          'forbidden',
          'org_inactive',
        ]),
      },
    },
    async (req) => inCrs(await activateOrg(req.ctx, req.params.id), req.query.crs),
  );
}
