import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CaseBody, CaseFiled, CaseRateBody, CaseTrackBody, PublicCaseView } from '../../../common/api/cases';
import { AppError } from '../../../common/errors';
import { verifyOtp } from '../auth/otp';
import { signedInWorkerPhone } from '../auth/sessions';
import { writeIdempotently } from '../../http/idempotency';
import { IDEMPOTENT, JSON_BODY, responses, SIGNED_IN } from '../../http/responses';
import { fileCase, listMyCases, prepareCase, rateCase, trackCase } from './public';

/**
 * Like POST /join: an appeal drive is many phones behind one address, and the one-time code is what
 * stops abuse per phone; an address may file as many cases a minute as it may ask for codes.
 */
const publicLimit = (app: FastifyInstance) => ({ max: app.gonghuiConfig.otp.perAddressPerMin, timeWindow: '1 minute' });

/** A case is personal data: no cache, shared or private, keeps a copy. */
const noStore = async (_req: FastifyRequest, reply: FastifyReply) => {
  reply.header('Cache-Control', 'no-store');
};

/** The requester's routes (DESIGN.md §5): file, track, rate; and 我的诉求 for a worker signed in by phone. */
export function casePublicRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['cases'];

  r.post(
    '/cases',
    {
      schema: {
        tags,
        summary: '提交诉求 File a case (the phone proves itself with a one-time code, or the worker is signed in)',
        body: CaseBody,
        response: responses({ 201: CaseFiled }, [
          ...JSON_BODY,
          ...IDEMPOTENT,
          'otp_invalid',
          'otp_exhausted',
          'conflict',
        ]),
      },
      onSend: noStore,
      config: { access: 'public', idempotent: 'transaction', rateLimit: publicLimit(app) },
    },
    async (req, reply) => {
      // Every field first: a typo must not spend the worker's code. A signed-in worker has none to spend.
      const prepared = await prepareCase(req.ctx, req.body, await signedInWorkerPhone(req.ctx));
      try {
        if (prepared.otp !== null) await verifyOtp(req.ctx, prepared.phone, 'case', prepared.otp);
      } catch (err) {
        // A retry racing its own first attempt finds the code spent: if the first holds the key,
        // waiting on it replays the first answer; otherwise the code's error stands.
        if (!(err instanceof AppError) || !req.idempotency) throw err;
        return writeIdempotently(req, reply, 201, () => Promise.reject(err));
      }
      return writeIdempotently(req, reply, 201, (tx) => fileCase(tx, prepared));
    },
  );

  r.post(
    '/cases/track',
    {
      schema: {
        tags,
        summary: '查询诉求进度 A case’s status and public timeline (a wrong phone answers like a missing number)',
        body: CaseTrackBody,
        response: responses({ 200: PublicCaseView }, [...JSON_BODY, 'not_found']),
      },
      onSend: noStore,
      config: { access: 'public', rateLimit: publicLimit(app) },
    },
    async (req) => trackCase(req.ctx, req.body),
  );

  r.post(
    '/cases/rate',
    {
      schema: {
        tags,
        summary: '回访评价 The requester rates a closed case once',
        body: CaseRateBody,
        response: responses({ 200: PublicCaseView }, [...JSON_BODY, ...IDEMPOTENT, 'not_found', 'conflict']),
      },
      onSend: noStore,
      config: { access: 'public', idempotent: 'transaction', rateLimit: publicLimit(app) },
    },
    async (req, reply) => writeIdempotently(req, reply, 200, (tx) => rateCase(tx, req.body)),
  );

  r.get(
    '/me/cases',
    {
      schema: {
        tags,
        summary: '我的诉求 The signed-in worker’s cases, newest first',
        response: responses({ 200: Type.Object({ items: Type.Array(PublicCaseView) }) }, [...SIGNED_IN]),
      },
      onSend: noStore,
      config: { access: 'worker' },
    },
    async (req) => listMyCases(req.ctx),
  );
}
