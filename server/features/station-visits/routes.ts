import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  CheckInAnswer,
  CheckInBody,
  KeptStations,
  MyReviewAnswer,
  ProblemBody,
  ProblemListQuery,
  ProblemReported,
  ProblemStatusBody,
  ProblemView,
  ReviewBody,
  ReviewSummary,
  StationIdParams,
  VisitCounts,
  VisitCountsQuery,
  VisitsToday,
} from '../../../common/api/station-visits';
import { IdParams, Page, Strict } from '../../../common/api/schemas';
import { writeIdempotently } from '../../http/idempotency';
import { IDEMPOTENT, JSON_BODY, responses, SIGNED_IN } from '../../http/responses';
import { getProblem, listProblems, reportProblem, setProblemStatus } from './problems';
import { getMyReview, getReviewSummary, rateStation } from './reviews';
import { checkIn, getVisitCounts, getVisitsToday, listSeenStations } from './service';

/**
 * Riders at one station may share an address (a carrier's NAT), so a minute allows many scans; the
 * once-an-hour rule, not this limit, is what keeps the counts honest.
 */
const PUBLIC_WRITE_LIMIT = { max: 60, timeWindow: '1 minute' };

const noStore = async (_req: FastifyRequest, reply: FastifyReply) => {
  reply.header('Cache-Control', 'no-store');
};

export function stationVisitRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['station-visits'];

  r.post(
    '/stations/:id/check-ins',
    {
      schema: {
        tags,
        summary: '驿站打卡（每人每站每小时计一次） Check in at a station: counted once per person per hour',
        params: StationIdParams,
        body: CheckInBody,
        response: responses({ 200: CheckInAnswer }, [...JSON_BODY, ...IDEMPOTENT, 'not_found', 'conflict']),
      },
      config: { access: 'public', idempotent: 'transaction', rateLimit: PUBLIC_WRITE_LIMIT },
    },
    async (req, reply) => writeIdempotently(req, reply, 200, (tx) => checkIn(tx, req.params.id, req.body)),
  );

  r.get(
    '/stations/:id/reviews',
    {
      schema: {
        tags,
        summary: '驿站评价汇总（不含评价人） A station’s ratings: average, count and the latest comments, unsigned',
        params: StationIdParams,
        response: responses({ 200: ReviewSummary }, ['validation_failed', 'not_found']),
      },
      config: { access: 'public' },
    },
    async (req, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return getReviewSummary(req.ctx, req.params.id);
    },
  );

  r.get(
    '/stations/:id/reviews/mine',
    {
      schema: {
        tags,
        summary: '我对驿站的评价 The signed-in worker’s own rating',
        params: StationIdParams,
        response: responses({ 200: MyReviewAnswer }, [...SIGNED_IN, 'validation_failed', 'not_found']),
      },
      onSend: noStore,
      config: { access: 'worker' },
    },
    async (req) => getMyReview(req.ctx, req.params.id),
  );

  r.put(
    '/stations/:id/reviews/mine',
    {
      schema: {
        tags,
        summary: '评价驿站或修改评价（每人每站一条） Rate a station, or change one’s rating',
        params: StationIdParams,
        body: ReviewBody,
        response: responses({ 200: MyReviewAnswer }, [
          ...SIGNED_IN,
          ...JSON_BODY,
          'not_found',
          'stale_version',
          'conflict',
        ]),
      },
      onSend: noStore,
      config: { access: 'worker', rateLimit: PUBLIC_WRITE_LIMIT },
    },
    async (req) => rateStation(req.ctx, req.params.id, req.body),
  );

  r.post(
    '/stations/:id/problems',
    {
      schema: {
        tags,
        summary: '报告驿站问题（设施损坏、未按时开放、安全隐患） Report a problem at a station',
        params: StationIdParams,
        body: ProblemBody,
        response: responses({ 201: ProblemReported }, [...JSON_BODY, ...IDEMPOTENT, 'not_found', 'conflict']),
      },
      config: { access: 'public', idempotent: 'transaction', rateLimit: PUBLIC_WRITE_LIMIT },
    },
    async (req, reply) => writeIdempotently(req, reply, 201, (tx) => reportProblem(tx, req.params.id, req.body)),
  );

  consoleRoutes(app);
}

/** The console's side: counts for the owning unions, today's visits and the problems for keepers and unions. */
function consoleRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['station-visits'];

  r.get(
    '/station-visits/counts',
    {
      schema: {
        tags,
        summary: '驿站服务统计（按日、按职业） Visits by day and occupation',
        querystring: VisitCountsQuery,
        response: responses({ 200: VisitCounts }, [...SIGNED_IN, 'validation_failed', 'forbidden', 'not_found']),
      },
    },
    async (req) => getVisitCounts(req.ctx, req.query),
  );

  r.get(
    '/station-visits/stations',
    {
      schema: {
        tags,
        summary: '可查看的驿站（按名称） The stations the caller keeps or manages, by name',
        querystring: Strict({ q: Type.Optional(Type.String({ maxLength: 50 })) }),
        response: responses({ 200: KeptStations }, [...SIGNED_IN, 'validation_failed', 'forbidden']),
      },
    },
    async (req) => listSeenStations(req.ctx, req.query.q),
  );

  r.get(
    '/stations/:id/visits/today',
    {
      schema: {
        tags,
        summary: '驿站今日到访（不含个人信息） A station’s visits today',
        params: StationIdParams,
        response: responses({ 200: VisitsToday }, [...SIGNED_IN, 'validation_failed', 'not_found']),
      },
      onSend: noStore,
    },
    async (req) => getVisitsToday(req.ctx, req.params.id),
  );

  r.get(
    '/station-problems',
    {
      schema: {
        tags,
        summary: '驿站问题报告 Problems at the stations the caller keeps or manages',
        querystring: ProblemListQuery,
        response: responses({ 200: Page(ProblemView) }, [...SIGNED_IN, 'validation_failed', 'forbidden', 'not_found']),
      },
      onSend: noStore,
    },
    async (req) => listProblems(req.ctx, req.query),
  );

  r.get(
    '/station-problems/:id',
    {
      schema: {
        tags,
        summary: '一条驿站问题报告 One problem',
        params: IdParams,
        response: responses({ 200: ProblemView }, [...SIGNED_IN, 'validation_failed', 'not_found']),
      },
      onSend: noStore,
    },
    async (req) => getProblem(req.ctx, req.params.id),
  );

  r.post(
    '/station-problems/:id/status',
    {
      schema: {
        tags,
        summary: '处理驿站问题（处理中、已解决、不予处理） Move a problem on',
        params: IdParams,
        body: ProblemStatusBody,
        response: responses({ 200: ProblemView }, [
          ...SIGNED_IN,
          ...JSON_BODY,
          'not_found',
          'stale_version',
          'conflict',
        ]),
      },
      onSend: noStore,
    },
    async (req) => setProblemStatus(req.ctx, req.params.id, req.body),
  );
}
