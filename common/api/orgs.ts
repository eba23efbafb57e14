import { Type } from '@sinclair/typebox';
import { CRS_LIST } from '../geo';
import { ORG_TYPES } from '../org-types';
import { Id, Nullable, PageQuery, Strict } from './schemas';

/** The orgs API's contract (server/features/orgs/routes.ts serves it, web/features/orgs/api.ts calls it). */

export const OrgType = Type.Union(ORG_TYPES.map((t) => Type.Literal(t)));
export const OrgStatus = Type.Union([Type.Literal('active'), Type.Literal('inactive')]);

export const OrgListItem = Type.Object({
  id: Type.Integer(),
  parent_id: Nullable(Type.Integer()),
  name: Type.String(),
  short_name: Nullable(Type.String()),
  type: OrgType,
  region_code: Type.String(),
  region_name: Nullable(Type.String()),
  level: Type.Integer(),
  status: OrgStatus,
  child_count: Type.Integer(),
  /** ltree of ids from the root: where it sits, so a picker can leave out an org's own subtree. */
  path: Type.String({ description: '从根组织起的 id 路径，如 "1.2.5" The ltree of ids from the root, e.g. "1.2.5"' }),
});

export const OrgDetail = Type.Composite([
  OrgListItem,
  Type.Object({
    uscc: Nullable(Type.String()),
    address: Nullable(Type.String()),
    lat: Nullable(Type.Number()),
    lng: Nullable(Type.Number()),
    founded_on: Nullable(Type.String()),
    contact_name: Nullable(Type.String()),
    contact_phone: Nullable(Type.String()),
    created_at: Type.String(),
    updated_at: Type.String(),
    ancestors: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() }), {
      description: '管理范围内的上级组织，根在前 The ancestors within the caller’s scope, root first',
    }),
    region_full_name: Nullable(Type.String()),
  }),
]);

export const OrgListQuery = Strict({
  parent_id: Type.Optional(Id),
  q: Type.Optional(Type.String({ maxLength: 50 })),
  type: Type.Optional(OrgType),
  status: Type.Optional(OrgStatus),
  ...PageQuery,
});

/** The coordinate system of lat/lng (DESIGN.md §4.3); they are stored as WGS-84. */
export const Crs = Type.Union(
  CRS_LIST.map((c) => Type.Literal(c)),
  {
    default: 'wgs84',
    description:
      '坐标系：wgs84（GPS）、gcj02（微信、高德、腾讯地图）、bd09（百度地图） The coordinate system: wgs84 (GPS), gcj02 (WeChat, AMap, Tencent), bd09 (Baidu)',
  },
);

/** For a route answering an org: the system its coordinates come back in. */
export const CrsQuery = Strict({ crs: Type.Optional(Crs) });

const editable = {
  crs: Type.Optional(Crs),
  short_name: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  uscc: Type.Optional(Nullable(Type.String({ maxLength: 18, pattern: '^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$' }))),
  address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  lat: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
  lng: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
  founded_on: Type.Optional(Nullable(Type.String({ format: 'date' }))),
  contact_name: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  contact_phone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
};
const Name = Type.String({ minLength: 1, maxLength: 100 });
const RegionCode = Type.String({ pattern: '^[0-9]{6}$' });

export const CreateOrgBody = Strict({ parent_id: Id, name: Name, type: OrgType, region_code: RegionCode, ...editable });

export const UpdateOrgBody = Strict({
  name: Type.Optional(Name),
  type: Type.Optional(OrgType),
  region_code: Type.Optional(RegionCode),
  ...editable,
});

export const MoveOrgBody = Strict({
  parent_id: Id,
  region_code: Type.Optional(
    Type.String({
      pattern: '^[0-9]{6}$',
      description:
        '新的行政区划（迁往另一地区时）；下级组织中与原区划相同的随之变更 A new region when it moves elsewhere; descendants on the old region follow',
    }),
  ),
});

export const DeactivateOrgBody = Strict({ reason: Type.String({ minLength: 2, maxLength: 200 }) });
