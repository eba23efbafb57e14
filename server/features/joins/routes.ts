import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { JoinAnswer, JoinBody, JoinOrg, JoinOrgParams, JoinStatus, JoinStatusBody } from '../../../common/api/joins';
import { AppError } from '../../../common/errors';
import { writeIdempotently } from '../../http/idempotency';
import { IDEMPOTENT, JSON_BODY, responses } from '../../http/responses';
import { getJoinOrg, getJoinStatus, prepareJoin, submitJoin, verifyJoinOtp } from './service';

/**
 * A join drive is many phones behind one address (a factory's Wi-Fi, a carrier's NAT): the public
 * join routes allow a join a second per address; the one-time code is what stops abuse per phone.
 */
const JOIN_LIMIT = { max: 60, timeWindow: '1 minute' };
const LOOKUP_LIMIT = { max: 120, timeWindow: '1 minute' };

export function joinRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['joins'];

  r.get(
    '/join/orgs/:code',
    {
      schema: {
        tags,
        summary: '按工会编码查询入会单位 The union a join code names',
        params: JoinOrgParams,
        response: responses({ 200: JoinOrg }, ['validation_failed', 'not_found']),
      },
      config: { access: 'public', rateLimit: LOOKUP_LIMIT },
    },
    async (req) => getJoinOrg(req.ctx, req.params.code),
  );

  r.post(
    '/join',
    {
      schema: {
        tags,
        summary: '码上入会 Join the union',
        body: JoinBody,
        response: responses({ 201: JoinAnswer }, [
          ...JSON_BODY,
          ...IDEMPOTENT,
          'otp_invalid',
          'otp_exhausted',
          'already_member',
          'application_pending',
        ]),
      },
      config: { access: 'public', idempotent: 'transaction', rateLimit: JOIN_LIMIT },
    },
    async (req, reply) => {
      const join = await prepareJoin(req.ctx, req.body);
      try {
        await verifyJoinOtp(req.ctx, join);
      } catch (err) {
        // A retry racing its own first attempt finds the code spent: if the first holds the key,
        // waiting on it replays the first answer; otherwise the code's error stands.
        if (!(err instanceof AppError) || !req.idempotency) throw err;
        return writeIdempotently(req, reply, 201, () => Promise.reject(err));
      }
      return writeIdempotently(req, reply, 201, (tx) => submitJoin(tx, join));
    },
  );

  r.post(
    '/join/status',
    {
      schema: {
        tags,
        summary: '查询入会申请进度 An application’s status',
        body: JoinStatusBody,
        response: responses({ 200: JoinStatus }, [...JSON_BODY, 'not_found']),
      },
      config: { access: 'public', rateLimit: JOIN_LIMIT },
    },
    async (req) => getJoinStatus(req.ctx, req.body),
  );
}
