import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CardToken, CardVerification, MyCard, VerifyCardBody } from '../../../common/api/cards';
import { JSON_BODY, responses, SIGNED_IN } from '../../http/responses';
import { getMyCard, issueCardToken, verifyCard } from './service';

export function cardRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['cards'];

  r.get(
    '/me/card',
    {
      schema: {
        tags,
        summary: '我的电子会员卡 The signed-in worker’s member card',
        response: responses({ 200: MyCard }, [...SIGNED_IN, 'not_found']),
      },
      config: { access: 'signed_in' },
    },
    async (req, reply) => {
      reply.header('Cache-Control', 'no-store');
      return getMyCard(req.ctx);
    },
  );

  r.get(
    '/me/card/token',
    {
      schema: {
        tags,
        summary: '会员卡二维码（每分钟更换） The card’s QR payload, new every minute',
        response: responses({ 200: CardToken }, [...SIGNED_IN, 'not_found']),
      },
      config: { access: 'signed_in' },
    },
    async (req, reply) => {
      reply.header('Cache-Control', 'no-store');
      return issueCardToken(req.ctx);
    },
  );

  r.post(
    '/cards/verify',
    {
      schema: {
        tags,
        summary: '核验电子会员卡 Verify a scanned member card',
        body: VerifyCardBody,
        response: responses({ 200: CardVerification }, JSON_BODY),
      },
      // Public, so rate-limited per address; three times the sign-in limit, since a cadre at an event
      // scans a queue of members faster than anyone signs in.
      config: { access: 'public', rateLimit: { max: app.gonghuiConfig.rateLimit.auth * 3, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      reply.header('Cache-Control', 'no-store');
      return verifyCard(req.ctx, req.body.payload);
    },
  );
}
