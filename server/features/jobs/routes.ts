import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { JobIdParams, JobListQuery, JobRun } from '../../../common/api/jobs';
import { Page } from '../../../common/api/schemas';
import { responses, SIGNED_IN } from '../../http/responses';
import { cancelJob, getJob, listJobs } from './service';

export function jobRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['jobs'];

  r.get(
    '/jobs',
    {
      schema: {
        tags,
        summary: '后台任务列表 Job runs the caller started or oversees',
        querystring: JobListQuery,
        response: responses({ 200: Page(JobRun) }, [...SIGNED_IN, 'validation_failed']),
      },
    },
    async (req) => listJobs(req.ctx, req.query),
  );

  r.get(
    '/jobs/:id',
    {
      schema: {
        tags,
        summary: '后台任务详情 One job run: state, progress, result or failure reason',
        params: JobIdParams,
        response: responses({ 200: JobRun }, [...SIGNED_IN, 'validation_failed', 'not_found']),
      },
    },
    async (req) => getJob(req.ctx, req.params.id),
  );

  r.post(
    '/jobs/:id/cancel',
    {
      schema: {
        tags,
        summary: '取消后台任务 Cancel a queued or running job run',
        params: JobIdParams,
        response: responses({ 200: JobRun }, [...SIGNED_IN, 'validation_failed', 'not_found', 'conflict']),
      },
    },
    async (req) => cancelJob(req.ctx, req.params.id),
  );
}
