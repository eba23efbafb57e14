import { Type } from '@sinclair/typebox';
import { Crs } from './orgs';
import { Id, Nullable, Strict } from './schemas';

/** The coverage analysis API (server/features/coverage/routes.ts); coordinates in the asked crs. */

export const CoverageSource = Type.Union([Type.Literal('members'), Type.Literal('set')], {
  description:
    'members：各工会所在地，按会员人数加权；set：上传或演示的点集 members: the unions’ places weighted by members; set: a point set',
});

export const StartCoverageBody = Strict({
  org_id: Id,
  source: CoverageSource,
  set_id: Type.Optional(Id),
});

export const CoverageRunParams = Strict({ id: Id });
export const CoverageRunQuery = Strict({ crs: Type.Optional(Crs) });

const share = {
  points: Type.Integer(),
  weight: Type.Number(),
  within_1km: Type.Number({ description: '1 公里内有开放驿站的权重 Weight within 1 km of an open station' }),
  within_walk: Type.Number({ description: '1.2 公里（步行 15 分钟）内 Weight within 1.2 km (a 15-minute walk)' }),
};

export const CoverageRunSummary = Type.Object({
  id: Type.Integer(),
  org_id: Type.Integer(),
  org_name: Type.String(),
  source: CoverageSource,
  set_id: Nullable(Type.Integer()),
  set_name: Nullable(Type.String()),
  status: Type.Union([Type.Literal('queued'), Type.Literal('done'), Type.Literal('failed')]),
  progress: Type.Integer({ description: '0–100' }),
  progress_message: Nullable(Type.String()),
  created_at: Type.String({ format: 'date-time' }),
  finished_at: Nullable(Type.String({ format: 'date-time' })),
});

export const CoverageRunList = Type.Object({ items: Type.Array(CoverageRunSummary) });

export const CoverageRunView = Type.Object({
  ...CoverageRunSummary.properties,
  crs: Crs,
  result: Nullable(
    Type.Object({
      ...share,
      groups: Type.Array(Type.Object({ org_id: Type.Integer(), org_name: Type.String(), ...share })),
      gaps: Type.Array(
        Type.Object({ lat: Type.Number(), lng: Type.Number(), weight: Type.Number(), points: Type.Integer() }),
      ),
      suggestions: Type.Array(
        Type.Object({ rank: Type.Integer(), lat: Type.Number(), lng: Type.Number(), covers: Type.Number() }),
      ),
      stations: Type.Integer({ description: '参与计算的开放驿站数 Open stations considered' }),
      station_points: Type.Array(Type.Object({ lat: Type.Number(), lng: Type.Number() }), {
        description: '这些驿站的位置（不超过 5000 个时） Where they are (when at most 5,000)',
      }),
    }),
  ),
});

export const PointSetList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      source: Type.Union([Type.Literal('upload'), Type.Literal('demo')]),
      point_count: Type.Integer(),
      org_name: Type.String(),
      created_at: Type.String({ format: 'date-time' }),
    }),
  ),
});
