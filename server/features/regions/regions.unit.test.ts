import { describe, it, expect } from 'vitest';
import { findRegion, isRegionCode, isWithinRegion, listRegions, regionPath, REGION_COUNT } from './regions';

describe('findRegion', () => {
  it('resolves a county under its city under its province', () => {
    expect(findRegion('321302')).toEqual({
      code: '321302',
      name: '宿城区',
      level: 3,
      parent_code: '321300',
      full_name: '江苏省宿迁市宿城区',
    });
    expect(findRegion('321300')).toMatchObject({
      name: '宿迁市',
      level: 2,
      parent_code: '320000',
      full_name: '江苏省宿迁市',
    });
    expect(findRegion('320000')).toMatchObject({ name: '江苏省', level: 1, parent_code: null, full_name: '江苏省' });
  });

  it('hangs municipality districts directly under the municipality', () => {
    expect(findRegion('110105')).toMatchObject({
      name: '朝阳区',
      level: 3,
      parent_code: '110000',
      full_name: '北京市朝阳区',
    });
    expect(findRegion('500229')).toMatchObject({ name: '城口县', parent_code: '500000', full_name: '重庆市城口县' });
    expect(findRegion('110100')).toBeUndefined();
    expect(findRegion('500200')).toBeUndefined();
  });

  it('hangs county-level units directly administered by a province under the province', () => {
    expect(findRegion('429004')).toMatchObject({
      name: '仙桃市',
      level: 3,
      parent_code: '420000',
      full_name: '湖北省仙桃市',
    });
    expect(findRegion('419001')).toMatchObject({ name: '济源市', parent_code: '410000' });
    expect(findRegion('429000')).toBeUndefined();
  });

  it('knows cities without counties and recent codes', () => {
    expect(findRegion('441900')).toMatchObject({ name: '东莞市', level: 2, parent_code: '440000' });
    expect(listRegions('441900')).toEqual([]);
    expect(findRegion('659012')?.name).toBe('白杨市'); // set up in 2023
    expect(findRegion('370116')?.full_name).toBe('山东省济南市莱芜区'); // 莱芜市 merged into 济南 in 2019
    expect(findRegion('371200')).toBeUndefined();
  });

  it('leaves out statistical-only units (development zones) that are not GB/T 2260 divisions', () => {
    expect(findRegion('321371')).toBeUndefined(); // 宿迁经济技术开发区
    expect(findRegion('340176')).toBeUndefined(); // 合肥高新技术产业开发区
  });
});

describe('isRegionCode', () => {
  it('accepts existing codes at every level', () => {
    for (const code of ['110000', '321300', '321302', '361102', '131028']) expect(isRegionCode(code)).toBe(true);
  });

  it('rejects codes that do not exist or are malformed', () => {
    for (const code of ['990000', '000000', 'abc', '', '32130', '3213021', ' 321302', '321399', '110100']) {
      expect(isRegionCode(code)).toBe(false);
    }
    expect(isRegionCode(undefined as unknown as string)).toBe(false);
  });
});

describe('listRegions', () => {
  it('lists the province-level regions sorted by code', () => {
    const provinces = listRegions(null);
    expect(provinces.length).toBeGreaterThanOrEqual(31);
    expect(provinces.every((p) => p.level === 1 && p.parent_code === null)).toBe(true);
    expect(provinces.map((p) => p.code)).toEqual([...provinces.map((p) => p.code)].sort());
    expect(provinces[0]).toMatchObject({ code: '110000', name: '北京市', has_children: true });
    expect(provinces.find((p) => p.code === '320000')?.has_children).toBe(true);
  });

  it('lists the children of a city with has_children', () => {
    const districts = listRegions('321300');
    expect(districts.map((d) => d.name)).toEqual(['宿城区', '宿豫区', '沭阳县', '泗阳县', '泗洪县']);
    expect(districts.every((d) => d.parent_code === '321300' && d.has_children === false)).toBe(true);
  });

  it('mixes cities and province-administered counties under a province', () => {
    const hubei = listRegions('420000');
    expect(hubei.find((r) => r.code === '420300')).toMatchObject({ name: '十堰市', has_children: true });
    expect(hubei.find((r) => r.code === '429004')).toMatchObject({ name: '仙桃市', has_children: false });
  });

  it('returns [] for unknown or leaf codes, and a copy the caller may change', () => {
    expect(listRegions('990000')).toEqual([]);
    expect(listRegions('321302')).toEqual([]);
    const a = listRegions(null);
    a.pop();
    expect(listRegions(null).length).toBe(a.length + 1);
  });
});

describe('the data as a whole', () => {
  it('has about 3,200 regions, every parent resolving', () => {
    expect(REGION_COUNT).toBeGreaterThan(3100);
    expect(REGION_COUNT).toBeLessThan(3400);
    const seen = new Set<string>();
    const walk = (parent: string | null): void => {
      for (const r of listRegions(parent)) {
        expect(seen.has(r.code)).toBe(false);
        seen.add(r.code);
        expect(r.code.startsWith(parent === null ? '' : parent.replace(/0+$/, ''))).toBe(true);
        walk(r.code);
      }
    };
    walk(null);
    expect(seen.size).toBe(REGION_COUNT);
  });

  it('gives the path from the province down', () => {
    expect(regionPath('321302').map((r) => r.name)).toEqual(['江苏省', '宿迁市', '宿城区']);
    expect(regionPath('110105').map((r) => r.code)).toEqual(['110000', '110105']);
    expect(regionPath('nope')).toEqual([]);
  });

  it('looks codes up fast', () => {
    const t = performance.now();
    for (let i = 0; i < 100_000; i++) findRegion('321302');
    expect(performance.now() - t).toBeLessThan(200);
  });
});

describe('isWithinRegion', () => {
  it('holds a region within itself and its ancestors, by the parent rule', () => {
    expect(isWithinRegion('321302', '321302')).toBe(true); // 宿城区 in 宿城区
    expect(isWithinRegion('321302', '321300')).toBe(true); // in 宿迁市
    expect(isWithinRegion('321302', '320000')).toBe(true); // in 江苏省
    expect(isWithinRegion('321300', '320000')).toBe(true);
    expect(isWithinRegion('110105', '110000')).toBe(true); // a municipality district
    expect(isWithinRegion('429004', '420000')).toBe(true); // 仙桃, directly under 湖北
  });

  it('refuses siblings, descendants and unknown codes', () => {
    expect(isWithinRegion('321322', '321302')).toBe(false); // 沭阳 is not in 宿城区
    expect(isWithinRegion('110101', '321302')).toBe(false); // 北京市东城区
    expect(isWithinRegion('320000', '321300')).toBe(false); // a province is not in its city
    expect(isWithinRegion('321300', '321302')).toBe(false);
    expect(isWithinRegion('360102', '320000')).toBe(false);
    expect(isWithinRegion('999999', '320000')).toBe(false);
    expect(isWithinRegion('321302', '999900')).toBe(false);
  });
});
