import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  CoverageRunList,
  CoverageRunParams,
  CoverageRunQuery,
  CoverageRunView,
  PointSetList,
  StartCoverageBody,
} from '../../../common/api/coverage';
import { JSON_BODY, responses, SIGNED_IN } from '../../http/responses';
import { getCoverageRun, listCoverageRuns, listPointSets, startCoverageRun } from './service';

/** The coverage analysis for cadres who keep a subtree's stations (stations.manage). */
export function coverageRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/coverage/runs',
    {
      schema: {
        tags: ['coverage'],
        summary: '发起覆盖分析 Start a coverage analysis (runs as a job)',
        body: StartCoverageBody,
        response: responses({ 202: Type.Object({ id: Type.Integer(), job_id: Type.Integer() }) }, [
          ...SIGNED_IN,
          ...JSON_BODY,
          'forbidden',
        ]),
      },
      config: { access: 'account' },
    },
    async (req, reply) => reply.code(202).send(await startCoverageRun(req.ctx, req.body)),
  );
  r.get(
    '/coverage/runs',
    {
      schema: {
        tags: ['coverage'],
        summary: '覆盖分析记录 Coverage analyses in scope, newest first',
        response: responses({ 200: CoverageRunList }, SIGNED_IN),
      },
      config: { access: 'account' },
    },
    async (req) => listCoverageRuns(req.ctx),
  );
  r.get(
    '/coverage/runs/:id',
    {
      schema: {
        tags: ['coverage'],
        summary: '一次覆盖分析及结果 One analysis with its result',
        params: CoverageRunParams,
        querystring: CoverageRunQuery,
        response: responses({ 200: CoverageRunView }, [...SIGNED_IN, 'validation_failed', 'not_found']),
      },
      config: { access: 'account' },
    },
    async (req) => getCoverageRun(req.ctx, req.params.id, req.query.crs),
  );
  r.get(
    '/coverage/point-sets',
    {
      schema: {
        tags: ['coverage'],
        summary: '需求点集 Demand point sets in scope',
        response: responses({ 200: PointSetList }, SIGNED_IN),
      },
      config: { access: 'account' },
    },
    async (req) => listPointSets(req.ctx),
  );
}
