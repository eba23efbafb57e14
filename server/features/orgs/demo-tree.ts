/**
 * The demo union tree (DESIGN.md §8): plain data, no database code, one file per part of the
 * country under ./demo/ (the DemoOrg shape and pool() in ./demo/org.ts). The demo accounts are in
 * server/features/accounts/demo-accounts.ts.
 *
 * - Keys are stable ascii paths. Province keys are ISO 3166-2:CN codes in lower case ('js' 江苏,
 *   'hb' 湖北, 'he' 河北, 'ha' 河南, …); every key below a province is its parent's key + '.' + a
 *   segment. The root ('acftu') is the one exception: its children carry no prefix, so the keys
 *   used everywhere stay short ('js.sq.sc' is 宿城区总工会).
 * - Every region_code is a current GB/T 2260 code of server/features/regions/gbt2260.json.
 * - Coordinates are WGS-84 and lie in the named place (county seats, varied a little per child).
 * - The enterprise unions, the people and the USCCs are fictional. A USCC here is the union's own
 *   legal-person code: '81' (registered by a trade union federation, grassroots union) + the
 *   6-digit region + a 9-character organisation code whose last character is its GB 11714 check
 *   + the GB 32100 check character; all are well-formed.
 * - The platform unions (美团, 饿了么, 闪送, UU跑腿, 顺丰, 京东) are named as union news names such
 *   site unions; the data about them is invented.
 */
import { ANHUI, BEIJING, GUANGDONG, HEBEI, HENAN, ZHEJIANG } from './demo/more';
import { GANSU, HUBEI, JIANGXI, SHANDONG } from './demo/central';
import { JIANGSU } from './demo/jiangsu';
import type { DemoOrg } from './demo/org';

/** The demo tree; its root is the national federation, seated in Beijing. */
export const DEMO_TREE: DemoOrg = {
  key: 'acftu',
  name: '中华全国总工会',
  short_name: '全总',
  type: 'national_federation',
  region_code: '110000',
  address: '北京市西城区复兴门外大街10号',
  lat: 39.9075,
  lng: 116.3391,
  founded_on: '1925-05-01',
  children: [
    JIANGSU,
    JIANGXI,
    GANSU,
    HUBEI,
    SHANDONG,
    ANHUI,
    HENAN,
    ZHEJIANG,
    HEBEI,
    GUANGDONG,
    BEIJING,
    {
      key: 'seamen',
      name: '中国海员建设工会全国委员会',
      short_name: '中国海员建设工会',
      type: 'industrial_union',
      region_code: '110000',
      address: '北京市',
      lat: 39.9063,
      lng: 116.3412,
    },
  ],
};
