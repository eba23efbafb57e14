import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CaseRateCase,
  CaseRateCasesQuery,
  CaseRates,
  CaseRatesChildren,
  CaseRatesQuery,
} from '../../../common/api/cases';
import { Page } from '../../../common/api/schemas';
import { requireAccount } from '../../http/context';
import { responses, SIGNED_IN } from '../../http/responses';
import { registerExportRoutes } from '../imports/export-routes';
import { caseLedgerExportKind } from './ledger';
import { caseRateCases, caseRates, childCaseRates } from './rates';

/**
 * The case figures' routes (issue 9 item 7): the three rates of an org's subtree, the cases behind
 * each number, and the ledger's xlsx export (GET /api/v1/cases/ledger/export.xlsx). Registered by
 * the cases feature (feature.ts routes()).
 */
export function caseRatesRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['cases'];

  r.get(
    '/cases/rates',
    {
      schema: {
        tags,
        summary: '工单三率与办理数据（按组织及下级、按受理日期） The three rates and case figures of an org subtree',
        querystring: CaseRatesQuery,
        response: responses({ 200: CaseRates }, [...SIGNED_IN, 'validation_failed', 'forbidden', 'not_found']),
      },
    },
    async (req) => caseRates(req.ctx, requireAccount(req.ctx), req.query),
  );

  r.get(
    '/cases/rates/children',
    {
      schema: {
        tags,
        summary: '下级组织的三率与办理数据（一次请求） The figures of each union right below an org',
        querystring: CaseRatesQuery,
        response: responses({ 200: CaseRatesChildren }, [...SIGNED_IN, 'validation_failed', 'forbidden', 'not_found']),
      },
    },
    async (req) => childCaseRates(req.ctx, requireAccount(req.ctx), req.query),
  );

  r.get(
    '/cases/rates/cases',
    {
      schema: {
        tags,
        summary: '三率明细：计入分子（hit）或只计入分母（miss）的工单 The cases behind one rate',
        querystring: CaseRateCasesQuery,
        response: responses({ 200: Page(CaseRateCase) }, [...SIGNED_IN, 'validation_failed', 'forbidden', 'not_found']),
      },
    },
    async (req) => caseRateCases(req.ctx, requireAccount(req.ctx), req.query),
  );

  registerExportRoutes(app, caseLedgerExportKind);
}
