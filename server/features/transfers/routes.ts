import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams, Page } from '../../../common/api/schemas';
import {
  MyTransferBody,
  RefuseTransferBody,
  TransferBody,
  TransferListQuery,
  TransferTarget,
  TransferTargetQuery,
  TransferVersionBody,
  TransferView,
} from '../../../common/api/transfers';
import { writeIdempotently } from '../../http/idempotency';
import { IDEMPOTENT, JSON_BODY, responses, SIGNED_IN } from '../../http/responses';
import { acceptTransfer, cancelTransfer, refuseTransfer } from './answer';
import { getTransfer, listMyTransfers, listTransfers, searchTransferTargets } from './read';
import { requestMyTransfer, startTransfer } from './service';

/** Transfers name members: no cache keeps a copy. */
const noStore = async (_req: FastifyRequest, reply: FastifyReply) => {
  reply.header('Cache-Control', 'no-store');
};

const ANSWER_ERRORS = [...SIGNED_IN, ...JSON_BODY, 'not_found', 'forbidden', 'stale_version', 'conflict'] as const;

export function transferRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['transfers'];

  r.get(
    '/transfers/targets',
    {
      schema: {
        tags,
        summary: '按名称查找可接收会员的工会 Unions a member can move to, by name',
        querystring: TransferTargetQuery,
        response: responses({ 200: Type.Object({ items: Type.Array(TransferTarget) }) }, [
          ...SIGNED_IN,
          'validation_failed',
        ]),
      },
      // The worker on the H5 and the cadre in the console both pick the receiving union.
      config: { access: 'signed_in' },
    },
    async (req) => searchTransferTargets(req.ctx, req.query.q),
  );

  r.post(
    '/me/transfers',
    {
      schema: {
        tags,
        summary: '申请会籍转移 The signed-in worker asks to move to another union',
        body: MyTransferBody,
        response: responses({ 201: TransferView }, [
          ...SIGNED_IN,
          ...JSON_BODY,
          ...IDEMPOTENT,
          'not_found',
          'transfer_pending',
          'conflict',
        ]),
      },
      onSend: noStore,
      // A phone on a weak signal sends again what it may already have sent: the key replays the first answer.
      config: { access: 'worker', idempotent: 'transaction' },
    },
    async (req, reply) => writeIdempotently(req, reply, 201, (tx) => requestMyTransfer(tx, req.body)),
  );

  r.get(
    '/me/transfers',
    {
      schema: {
        tags,
        summary: '我的会籍转移 The signed-in worker’s transfers',
        response: responses({ 200: Type.Object({ items: Type.Array(TransferView) }) }, [...SIGNED_IN]),
      },
      onSend: noStore,
      config: { access: 'worker' },
    },
    async (req) => listMyTransfers(req.ctx),
  );

  r.post(
    '/transfers',
    {
      schema: {
        tags,
        summary: '发起会籍接转 The sending union starts a transfer',
        body: TransferBody,
        response: responses({ 201: TransferView }, [
          ...SIGNED_IN,
          ...JSON_BODY,
          ...IDEMPOTENT,
          'forbidden',
          'transfer_pending',
          'conflict',
        ]),
      },
      onSend: noStore,
      config: { idempotent: 'transaction' },
    },
    async (req, reply) => writeIdempotently(req, reply, 201, (tx) => startTransfer(tx, req.body)),
  );

  r.get(
    '/transfers',
    {
      schema: {
        tags,
        summary: '会籍接转队列 Transfers into and out of the unions in scope',
        querystring: TransferListQuery,
        response: responses({ 200: Page(TransferView) }, [...SIGNED_IN, 'validation_failed']),
      },
      onSend: noStore,
    },
    async (req) => listTransfers(req.ctx, req.query),
  );

  r.get(
    '/transfers/:id',
    {
      schema: {
        tags,
        summary: '会籍接转详情 One transfer',
        params: IdParams,
        response: responses({ 200: TransferView }, [...SIGNED_IN, 'validation_failed', 'not_found']),
      },
      onSend: noStore,
    },
    async (req) => getTransfer(req.ctx, req.params.id),
  );

  r.post(
    '/transfers/:id/accept',
    {
      schema: {
        tags,
        summary: '接收 The receiving union accepts; the member moves there',
        params: IdParams,
        body: TransferVersionBody,
        response: responses({ 200: TransferView }, ANSWER_ERRORS),
      },
      onSend: noStore,
    },
    async (req) => acceptTransfer(req.ctx, req.params.id, req.body),
  );

  r.post(
    '/transfers/:id/refuse',
    {
      schema: {
        tags,
        summary: '拒绝（须填理由） The receiving union refuses, with a reason',
        params: IdParams,
        body: RefuseTransferBody,
        response: responses({ 200: TransferView }, ANSWER_ERRORS),
      },
      onSend: noStore,
    },
    async (req) => refuseTransfer(req.ctx, req.params.id, req.body),
  );

  r.post(
    '/transfers/:id/cancel',
    {
      schema: {
        tags,
        summary: '撤回 The member or the sending union withdraws an open transfer',
        params: IdParams,
        body: TransferVersionBody,
        response: responses({ 200: TransferView }, ANSWER_ERRORS),
      },
      onSend: noStore,
      config: { access: 'signed_in' },
    },
    async (req) => cancelTransfer(req.ctx, req.params.id, req.body),
  );
}
