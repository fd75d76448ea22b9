import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { buildAdminUnits } from '../../../../scripts/build-admin-units.ts';
import {
  adminUnitChanges,
  applyAdminUnitChanges,
  BASE_DATE,
  COMMUNE_COUNT,
  loadAdminUnits,
  PROVINCE_COUNT,
  todayInVietnam,
  type AdminUnits,
  type Commune,
  type IsoDateString,
  type Province
} from './admin-units.ts';

const DONG_NAI_NEW_PHUONG = ['25270', '25357', '25363', '26116', '26170', '26248', '26326', '26368', '26425', '26485'];
const BEFORE: IsoDateString = '2026-04-29';
const FROM: IsoDateString = '2026-04-30';

const before = loadAdminUnits(BEFORE);
const after = loadAdminUnits(FROM);

function countKinds<T extends { kind: string }>(items: readonly T[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[item.kind] = (out[item.kind] ?? 0) + 1;
  return out;
}

const province = (units: AdminUnits, code: string): Province | undefined => units.provinces.find((p) => p.code === code);
const commune = (units: AdminUnits, code: string): Commune | undefined => units.communes.find((c) => c.code === code);

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, import.meta.url), 'utf8')) as T;
}

describe('provinces', () => {
  test('when loaded on any date since 01/07/2025, there are 34 provinces', () => {
    for (const asOf of [BASE_DATE, BEFORE, FROM, '2030-01-01'] as const) {
      expect(loadAdminUnits(asOf).provinces).toHaveLength(34);
    }
    expect(PROVINCE_COUNT).toBe(34);
  });

  test('when loaded before 30/04/2026, there are 6 centrally-run cities and 28 provinces', () => {
    expect(countKinds(before.provinces)).toEqual({ tp_tw: 6, tinh: 28 });
    expect(countKinds(loadAdminUnits(BASE_DATE).provinces)).toEqual({ tp_tw: 6, tinh: 28 });
    expect(province(before, '75')).toEqual({ code: '75', name: 'Tỉnh Đồng Nai', shortName: 'Đồng Nai', kind: 'tinh' });
  });

  test('when loaded on or after 30/04/2026, there are 7 centrally-run cities and 27 provinces, Đồng Nai among the cities', () => {
    expect(countKinds(after.provinces)).toEqual({ tp_tw: 7, tinh: 27 });
    expect(countKinds(loadAdminUnits('2026-11-24').provinces)).toEqual({ tp_tw: 7, tinh: 27 });
    expect(province(after, '75')).toEqual({ code: '75', name: 'Thành phố Đồng Nai', shortName: 'Đồng Nai', kind: 'tp_tw' });
    expect(after.provinces.filter((p) => p.kind === 'tp_tw').map((p) => p.code)).toEqual(['01', '31', '46', '48', '75', '79', '92']);
  });

  test('when a province is listed, its code is 2 digits, unique, and its name is its prefix plus its short name', () => {
    const codes = after.provinces.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const p of [...before.provinces, ...after.provinces]) {
      expect(p.code).toMatch(/^\d{2}$/);
      expect(p.name).toBe(`${p.kind === 'tp_tw' ? 'Thành phố' : 'Tỉnh'} ${p.shortName}`);
    }
    expect(province(after, '01')?.name).toBe('Thành phố Hà Nội');
    expect(province(after, '04')).toEqual({ code: '04', name: 'Tỉnh Cao Bằng', shortName: 'Cao Bằng', kind: 'tinh' });
  });

  test('when looking for Đà Nẵng (48) and Khánh Hòa (56), both are present', () => {
    expect(province(after, '48')).toMatchObject({ name: 'Thành phố Đà Nẵng', kind: 'tp_tw' });
    expect(province(after, '56')).toMatchObject({ name: 'Tỉnh Khánh Hòa', kind: 'tinh' });
  });
});

describe('communes', () => {
  test('when loaded before or after 30/04/2026, there are 3,321 communes', () => {
    expect(before.communes).toHaveLength(3321);
    expect(after.communes).toHaveLength(3321);
    expect(COMMUNE_COUNT).toBe(3321);
  });

  test('when loaded before 30/04/2026, the sources give 687 phường, 2,621 xã and 13 đặc khu', () => {
    expect(countKinds(before.communes)).toEqual({ phuong: 687, xa: 2621, dac_khu: 13 });
    expect(countKinds(loadAdminUnits(BASE_DATE).communes)).toEqual({ phuong: 687, xa: 2621, dac_khu: 13 });
  });

  test('when loaded on or after 30/04/2026, there are 697 phường, 2,611 xã and 13 đặc khu', () => {
    expect(countKinds(after.communes)).toEqual({ phuong: 697, xa: 2611, dac_khu: 13 });
  });

  test('when Đồng Nai became a city, exactly its ten listed xã became phường under the same proper name', () => {
    const changed = after.communes.filter((c) => commune(before, c.code)?.kind !== c.kind).map((c) => c.code);
    expect(changed).toEqual(DONG_NAI_NEW_PHUONG);
    for (const code of DONG_NAI_NEW_PHUONG) {
      const b = commune(before, code)!;
      const a = commune(after, code)!;
      expect(b).toMatchObject({ kind: 'xa', provinceCode: '75' });
      expect(a).toMatchObject({ kind: 'phuong', provinceCode: '75' });
      expect(a.name).toBe(b.name.replace(/^Xã /, 'Phường '));
    }
    expect(commune(after, '26368')?.name).toBe('Phường Long Thành');
  });

  test('when any commune is listed, its province exists', () => {
    const codes = new Set(after.provinces.map((p) => p.code));
    expect(after.communes.filter((c) => !codes.has(c.provinceCode))).toEqual([]);
    expect(new Set(after.communes.map((c) => c.provinceCode)).size).toBe(34);
  });

  test('when codes are listed, they are 5 digits and unique', () => {
    const codes = after.communes.map((c) => c.code);
    expect(new Set(codes).size).toBe(3321);
    expect(codes.filter((c) => !/^\d{5}$/.test(c))).toEqual([]);
  });

  test('when a name is listed, it is NFC, uses the ASCII apostrophe and its prefix matches its kind', () => {
    const prefix = { xa: 'Xã ', phuong: 'Phường ', dac_khu: 'Đặc khu ' } as const;
    for (const c of after.communes) {
      expect(c.name).toBe(c.name.normalize('NFC'));
      expect(c.name).not.toMatch(/[\u2018\u2019\u02BC]/);
      expect(c.name.startsWith(prefix[c.kind])).toBe(true);
    }
  });

  test('when looking for the archipelagos, đặc khu Hoàng Sa is in Đà Nẵng and đặc khu Trường Sa in Khánh Hòa', () => {
    const hoangSa = after.communes.filter((c) => c.name === 'Đặc khu Hoàng Sa');
    const truongSa = after.communes.filter((c) => c.name === 'Đặc khu Trường Sa');
    expect(hoangSa).toEqual([{ code: '20333', name: 'Đặc khu Hoàng Sa', kind: 'dac_khu', provinceCode: '48' }]);
    expect(truongSa).toEqual([{ code: '22736', name: 'Đặc khu Trường Sa', kind: 'dac_khu', provinceCode: '56' }]);
  });

  test('when the sources disagreed on a code, the current GSO code is used', () => {
    expect(commune(after, '06978')).toEqual({ code: '06978', name: 'Xã Ba Chẽ', kind: 'xa', provinceCode: '22' });
    expect(commune(after, '23938')).toEqual({ code: '23938', name: 'Xã Ia Mơ', kind: 'xa', provinceCode: '52' });
    expect(commune(after, '06970')).toBeUndefined();
    expect(commune(after, '23737')).toBeUndefined();
  });
});

describe('dated changes', () => {
  test('when listed, there are 22 changes, all from 30/04/2026 with their legal references', () => {
    const changes = adminUnitChanges();
    expect(changes).toHaveLength(22);
    expect(new Set(changes.map((c) => c.effectiveFrom))).toEqual(new Set(['2026-04-30']));
    expect(changes.filter((c) => c.level === 'province')).toEqual([
      { effectiveFrom: '2026-04-30', legalRef: 'Nghị quyết 30/2026/QH16', level: 'province', unitCode: '75', field: 'kind', from: 'tinh', to: 'tp_tw' },
      { effectiveFrom: '2026-04-30', legalRef: 'Nghị quyết 30/2026/QH16', level: 'province', unitCode: '75', field: 'name', from: 'Tỉnh Đồng Nai', to: 'Thành phố Đồng Nai' }
    ]);
    const communeChanges = changes.filter((c) => c.level === 'commune');
    expect(new Set(communeChanges.map((c) => c.unitCode))).toEqual(new Set(DONG_NAI_NEW_PHUONG));
    expect(new Set(communeChanges.map((c) => c.legalRef))).toEqual(new Set(['Nghị quyết 237/NQ-UBTVQH16']));
  });

  test('when changes are applied, the inputs are not modified and a change whose "from" does not hold throws', () => {
    const base = loadAdminUnits(BEFORE);
    const snapshot = structuredClone(base);
    const applied = applyAdminUnitChanges(base, adminUnitChanges(), FROM);
    expect(base).toEqual(snapshot);
    expect(applied.provinces.find((p) => p.code === '75')?.kind).toBe('tp_tw');
    // Applying the same changes twice: the second time "from" no longer holds.
    expect(() => applyAdminUnitChanges(applied, adminUnitChanges(), FROM)).toThrow(/expected "tinh"/);
    expect(() =>
      applyAdminUnitChanges(base, [{ effectiveFrom: FROM, legalRef: 'x', level: 'commune', unitCode: '99999', field: 'kind', from: 'xa', to: 'phuong' }], FROM)
    ).toThrow(/no commune 99999/);
  });

  test('when two calls ask for the same date, they get equal but independent data', () => {
    const one = loadAdminUnits(FROM);
    const two = loadAdminUnits(FROM);
    expect(one).toEqual(two);
    expect(one.communes[0]).not.toBe(two.communes[0]);
  });
});

describe('loadAdminUnits dates', () => {
  test('when no date is given, uses today in Vietnam', () => {
    const units = loadAdminUnits();
    expect(units.asOf).toBe(todayInVietnam());
    expect(units).toEqual(loadAdminUnits(todayInVietnam()));
  });

  test('when it is 17:00 UTC on 29/04/2026, it is already 30/04/2026 in Vietnam', () => {
    expect(todayInVietnam(new Date('2026-04-29T16:59:59Z'))).toBe('2026-04-29');
    expect(todayInVietnam(new Date('2026-04-29T17:00:00Z'))).toBe('2026-04-30');
  });

  test('when the date is malformed or before 01/07/2025, throws a RangeError', () => {
    expect(() => loadAdminUnits('2026-4-30' as IsoDateString)).toThrow(RangeError);
    expect(() => loadAdminUnits('2026-13-01' as IsoDateString)).toThrow(RangeError);
    expect(() => loadAdminUnits('2025-06-30')).toThrow(RangeError);
    expect(loadAdminUnits('2025-07-01').provinces).toHaveLength(34);
  });
});

describe('old provinces and wards', () => {
  interface OldProvince {
    oldCode: string;
    oldName: string;
    newCode: string;
  }
  const oldProvinces = readJson<{ provinces: OldProvince[] }>('./old-to-new-provinces.json').provinces;
  const wards = readJson<{ columns: string[]; rows: Array<[string | null, string, string, string, string]> }>('./old-to-new-wards.json');

  test('when the 63 old provinces are listed, each goes to one of the 34 and every new province receives at least one', () => {
    expect(oldProvinces).toHaveLength(63);
    expect(new Set(oldProvinces.map((p) => p.oldCode)).size).toBe(63);
    const newCodes = new Set(after.provinces.map((p) => p.code));
    expect(oldProvinces.filter((p) => !newCodes.has(p.newCode))).toEqual([]);
    expect(new Set(oldProvinces.map((p) => p.newCode))).toEqual(newCodes);
  });

  test('when spot-checked, old provinces went where the 2025 reform put them', () => {
    const to = (code: string): string | undefined => oldProvinces.find((p) => p.oldCode === code)?.newCode;
    expect(to('02')).toBe('08'); // Hà Giang -> Tuyên Quang
    expect(to('49')).toBe('48'); // Quảng Nam -> Đà Nẵng
    expect(to('58')).toBe('56'); // Ninh Thuận -> Khánh Hòa
    expect(to('74')).toBe('79'); // Bình Dương -> Hồ Chí Minh
    expect(to('77')).toBe('79'); // Bà Rịa - Vũng Tàu -> Hồ Chí Minh
    expect(to('70')).toBe('75'); // Bình Phước -> Đồng Nai
    expect(to('93')).toBe('92'); // Hậu Giang -> Cần Thơ
  });

  test('when the ward mapping is read, every new code is a commune in the new province of its old province', () => {
    expect(wards.columns).toEqual(['oldCode', 'oldName', 'oldDistrict', 'oldProvinceCode', 'newCode']);
    const newProvinceOf = new Map(oldProvinces.map((p) => [p.oldCode, p.newCode]));
    const bad = wards.rows.filter(([, , , oldProvince, newCode]) => commune(after, newCode)?.provinceCode !== newProvinceOf.get(oldProvince));
    expect(bad).toEqual([]);
    expect(wards.rows.filter(([oldCode]) => oldCode !== null && !/^\d{5}$/.test(oldCode))).toEqual([]);
  });
});

describe('build script', () => {
  test('when the data is rebuilt from the installed packages, it equals the committed files', async () => {
    const { files, counts } = await buildAdminUnits();
    for (const [name, text] of Object.entries(files)) {
      expect(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8'), name).toBe(text);
    }
    expect(counts).toMatchObject({ provinces: 34, communes: 3321, communes_phuong: 687, communes_xa: 2621, communes_dac_khu: 13, old_provinces: 63 });
  });
});
