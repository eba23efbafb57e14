import { Type } from '@sinclair/typebox';
import { Nullable, Strict } from './schemas';

/** The regions API's contract: GB/T 2260 divisions, public reference data. */

const RegionCode = Type.String({ pattern: '^[0-9]{6}$' });

export const Region = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.Integer(),
  parent_code: Nullable(Type.String()),
  full_name: Type.String({ description: '从省级起的全称，如 "江苏省宿迁市宿城区" Names from the province down' }),
});

export const RegionListItem = Type.Composite([Region, Type.Object({ has_children: Type.Boolean() })]);

export const RegionList = Type.Object({ items: Type.Array(RegionListItem) });

export const RegionListQuery = Strict({ parent_code: Type.Optional(RegionCode) });

export const RegionParams = Strict({ code: RegionCode });
