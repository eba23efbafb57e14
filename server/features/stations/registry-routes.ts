import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, Page } from '../../../common/api/schemas';
import {
  HoursCheckBody,
  HoursCheckResult,
  KeeperList,
  KeeperQuery,
  NewStationBody,
  StationPatchBody,
  StationRecord,
  StationRegistryItem,
  StationRegistryQuery,
} from '../../../common/api/stations';
import { JSON_BODY, responses, SIGNED_IN } from '../../http/responses';
import { checkHours, getRegistryStation, listKeeperCandidates, listRegistry } from './registry';
import { createStation, updateStationByCaller } from './registry-edit';

/** The registry names keepers: no cache keeps a copy. */
const noStore = async (_req: FastifyRequest, reply: FastifyReply) => {
  reply.header('Cache-Control', 'no-store');
};

/**
 * 驿站管理: the console's registry routes. stations.manage over the owning org's subtree sees and
 * edits everything; a keeper sees the stations they keep and edits their operational fields.
 */
export function registryRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['stations'];

  r.get(
    '/stations/registry',
    {
      schema: {
        tags,
        summary: '驿站台账 The stations the caller manages or keeps',
        querystring: StationRegistryQuery,
        response: responses({ 200: Page(StationRegistryItem) }, [...SIGNED_IN, 'validation_failed']),
      },
      onSend: noStore,
    },
    async (req) => listRegistry(req.ctx, req.query),
  );

  r.get(
    '/stations/registry/keepers',
    {
      schema: {
        tags,
        summary: '可任命的站长 Accounts that may keep a station of the org',
        querystring: KeeperQuery,
        response: responses({ 200: KeeperList }, [...SIGNED_IN, 'validation_failed', 'not_found']),
      },
      onSend: noStore,
    },
    async (req) => listKeeperCandidates(req.ctx, req.query.org_id),
  );

  r.get(
    '/stations/registry/:id',
    {
      schema: {
        tags,
        summary: '驿站档案 One station for editing',
        params: IdParams,
        response: responses({ 200: StationRecord }, [...SIGNED_IN, 'validation_failed', 'not_found']),
      },
      onSend: noStore,
    },
    async (req) => getRegistryStation(req.ctx, req.params.id),
  );

  r.post(
    '/stations/registry',
    {
      schema: {
        tags,
        summary: '新建驿站 Create a station (its point in any crs, stored WGS-84)',
        body: NewStationBody,
        response: responses({ 201: StationRecord }, [...SIGNED_IN, ...JSON_BODY, 'forbidden']),
      },
      onSend: noStore,
    },
    async (req, reply) => reply.status(201).send(await createStation(req.ctx, req.body)),
  );

  r.patch(
    '/stations/registry/:id',
    {
      schema: {
        tags,
        summary: '编辑驿站 Edit a station (the version read; a stale one is 409; a keeper: operational fields only)',
        params: IdParams,
        body: StationPatchBody,
        response: responses({ 200: StationRecord }, [
          ...SIGNED_IN,
          ...JSON_BODY,
          'not_found',
          'forbidden',
          'stale_version',
        ]),
      },
      onSend: noStore,
    },
    async (req) => updateStationByCaller(req.ctx, req.params.id, req.body),
  );

  r.post(
    '/stations/hours-check',
    {
      schema: {
        tags,
        summary: '检查开放时间 Check an opening_hours value and show the next 7 days',
        body: HoursCheckBody,
        response: responses({ 200: HoursCheckResult }, [...SIGNED_IN, ...JSON_BODY, 'forbidden']),
      },
    },
    async (req) => checkHours(req.ctx, req.body),
  );
}
