import { Type } from '@sinclair/typebox';
import { PASSWORD_PROFILES } from '../password-policy';

/** The system API's contract: what a client reads before anyone signs in. */

export const PublicConfig = Type.Object({
  demo: Type.Boolean(),
  password_profile: Type.Union(PASSWORD_PROFILES.map((p) => Type.Literal(p))),
  version: Type.String(),
  /** The maps' tile URL template (`{z}/{x}/{y}`); empty: no basemap, the markers on a plain background. */
  tile_url: Type.String({ description: '地图瓦片地址模板，空为不加载底图 Map tile URL template; empty: no basemap' }),
  /** The coordinate system the tiles are drawn in: points are converted to it before they are placed. */
  tile_crs: Type.Union([Type.Literal('wgs84'), Type.Literal('gcj02')]),
});
