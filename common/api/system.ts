import { Type } from '@sinclair/typebox';
import { PASSWORD_PROFILES } from '../password-policy';

/** The system API's contract: what a client reads before anyone signs in. */

export const PublicConfig = Type.Object({
  demo: Type.Boolean(),
  password_profile: Type.Union(PASSWORD_PROFILES.map((p) => Type.Literal(p))),
  version: Type.String(),
  tile_url: Type.String({ description: '地图瓦片地址模板，空为不加载底图 Map tile URL template; empty: no basemap' }),
});
