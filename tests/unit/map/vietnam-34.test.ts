/**
 * The committed map asset web/static/maps/vietnam-34.json (built by scripts/map/build-vietnam-map.ts):
 * 34 provinces on the GSO codes, Hoàng Sa in Đà Nẵng and Trường Sa in Khánh Hòa, valid geometry,
 * small, loadable by ECharts 6, and identical to what the build script produces today.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as echarts from 'echarts/core';
import { MapChart } from 'echarts/charts';
import { SVGRenderer } from 'echarts/renderers';
import { loadAdminUnits, type IsoDateString } from '../../../server/modules/units/reference/admin-units.ts';
import {
  provinceShortNames,
  registerVietnamMap,
  VIETNAM_MAP_NAME,
  VIETNAM_MAP_NAME_PROPERTY,
  type PolygonCoordinates,
  type Position,
  type VietnamMapGeoJson,
  type VietnamProvinceFeature
} from '../../../shared/map/vietnam-map.ts';

const FILE = fileURLToPath(new URL('../../../web/static/maps/vietnam-34.json', import.meta.url));
const ADMIN_UNITS = fileURLToPath(new URL('../../../server/modules/units/reference/vn-admin-units.json', import.meta.url));
const MAX_BYTES = 400 * 1024;

const text = readFileSync(FILE, 'utf8');
const map = JSON.parse(text) as VietnamMapGeoJson;
const adminFile = JSON.parse(readFileSync(ADMIN_UNITS, 'utf8')) as {
  provinces: { code: string }[];
  communes: { code: string; name: string; kind: string; provinceCode: string }[];
};

type Box = { minLon: number; minLat: number; maxLon: number; maxLat: number };

function polygons(f: VietnamProvinceFeature): readonly PolygonCoordinates[] {
  return f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
}
function feature(code: string): VietnamProvinceFeature {
  const f = map.features.find((x) => x.properties.code === code);
  if (!f) throw new Error(`no feature ${code}`);
  return f;
}
function bbox(ring: readonly Position[]): Box {
  const lons = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  return { minLon: Math.min(...lons), minLat: Math.min(...lats), maxLon: Math.max(...lons), maxLat: Math.max(...lats) };
}
function within(b: Box, region: Box): boolean {
  return b.minLon >= region.minLon && b.maxLon <= region.maxLon && b.minLat >= region.minLat && b.maxLat <= region.maxLat;
}
function inRing([x, y]: Position, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
function contains(f: VietnamProvinceFeature, p: Position): boolean {
  return polygons(f).some(([outer, ...holes]) => inRing(p, outer!) && !holes.some((h) => inRing(p, h)));
}
/** Degrees from p to the nearest vertex of f (0 when p is inside f). */
function distance(f: VietnamProvinceFeature, p: Position): number {
  if (contains(f, p)) return 0;
  let d = Infinity;
  for (const poly of polygons(f)) for (const [x, y] of poly[0]!) d = Math.min(d, Math.hypot(x - p[0], y - p[1]));
  return d;
}
/** Twice the signed area (shoelace): > 0 counter-clockwise. */
function signedArea(ring: readonly Position[]): number {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) a += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return a;
}

const HOANG_SA: Box = { minLon: 111, maxLon: 113, minLat: 15.7, maxLat: 17.2 };
const TRUONG_SA: Box = { minLon: 111.5, maxLon: 117.5, minLat: 6, maxLat: 12 };

describe('web/static/maps/vietnam-34.json', () => {
  it(`is under ${MAX_BYTES / 1024} KB`, () => {
    expect(statSync(FILE).size).toBeLessThan(MAX_BYTES);
  });

  it('has exactly the 34 province codes of vn-admin-units.json, once each', () => {
    expect(map.type).toBe('FeatureCollection');
    expect(map.features).toHaveLength(34);
    const codes = map.features.map((f) => f.properties.code);
    expect(new Set(codes).size).toBe(34);
    expect([...codes].sort()).toEqual(adminFile.provinces.map((p) => p.code).sort());
  });

  it('names each province with its official name and short name as of namesAsOf', () => {
    expect(map.namesAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const provinces = loadAdminUnits(map.namesAsOf as IsoDateString).provinces;
    for (const f of map.features) {
      const p = provinces.find((x) => x.code === f.properties.code)!;
      expect(f.properties).toEqual({ code: p.code, name: p.name, shortName: p.shortName });
    }
    expect(feature('01').properties.name).toBe('Thành phố Hà Nội');
    expect(feature('48').properties.shortName).toBe('Đà Nẵng');
    expect(feature('56').properties.shortName).toBe('Khánh Hòa');
  });

  it('gives Hoàng Sa to Đà Nẵng (48): island polygons in lon 111–113, lat 15.7–17.2', () => {
    const danang = feature('48');
    const inHoangSa = polygons(danang).filter((poly) => within(bbox(poly[0]!), HOANG_SA));
    expect(inHoangSa.length).toBeGreaterThanOrEqual(5);
    // Pattle Island (đảo Hoàng Sa) and Woody Island (đảo Phú Lâm).
    expect(contains(danang, [111.608, 16.535])).toBe(true);
    expect(contains(danang, [112.338, 16.834])).toBe(true);
    // The parts span the archipelago, from Tri Tôn (SW) and Đá Bắc (N) to Linh Côn (E).
    const all = bbox(inHoangSa.map((poly) => poly[0]!).flat());
    expect(all.minLon).toBeLessThan(111.3);
    expect(all.maxLon).toBeGreaterThan(112.7);
    expect(all.minLat).toBeLessThan(15.85);
    expect(all.maxLat).toBeGreaterThan(17.05);
  });

  it('gives Trường Sa to Khánh Hòa (56): island polygons in lon 111.5–117.5, lat 6–12', () => {
    const khanhHoa = feature('56');
    const inTruongSa = polygons(khanhHoa).filter((poly) => within(bbox(poly[0]!), TRUONG_SA));
    expect(inTruongSa.length).toBeGreaterThanOrEqual(5);
    // Spratly Island (đảo Trường Sa), Southwest Cay (Song Tử Tây), Amboyna Cay (An Bang).
    expect(contains(khanhHoa, [111.92, 8.645])).toBe(true);
    expect(contains(khanhHoa, [114.333, 11.43])).toBe(true);
    expect(contains(khanhHoa, [112.921, 7.892])).toBe(true);
  });

  it('puts no other province in the archipelagos', () => {
    for (const f of map.features) {
      const code = f.properties.code;
      for (const poly of polygons(f)) {
        const b = bbox(poly[0]!);
        const touches = (r: Box) => b.maxLon >= r.minLon && b.minLon <= r.maxLon && b.maxLat >= r.minLat && b.minLat <= r.maxLat;
        if (code !== '48') expect(touches(HOANG_SA), `${code} reaches Hoàng Sa`).toBe(false);
        if (code !== '56') expect(touches(TRUONG_SA), `${code} reaches Trường Sa`).toBe(false);
      }
    }
  });

  // Every special zone (đặc khu: island communes) must be drawn in the province the unit data
  // assign it to. Coordinates: a main island of each zone.
  const SPECIAL_ZONE_ISLANDS: Record<string, Position> = {
    'Đặc khu Vân Đồn': [107.45, 21.07],
    'Đặc khu Cô Tô': [107.77, 20.98],
    'Đặc khu Cát Hải': [107.05, 20.8],
    'Đặc khu Bạch Long Vĩ': [107.725, 20.133],
    'Đặc khu Cồn Cỏ': [107.338, 17.158],
    'Đặc khu Hoàng Sa': [111.608, 16.535],
    'Đặc khu Lý Sơn': [109.12, 15.38],
    'Đặc khu Trường Sa': [111.92, 8.645],
    'Đặc khu Phú Quý': [108.94, 10.52],
    'Đặc khu Côn Đảo': [106.61, 8.69],
    'Đặc khu Phú Quốc': [103.96, 10.22],
    'Đặc khu Thổ Châu': [103.48, 9.3],
    'Đặc khu Kiên Hải': [104.63, 9.81] // Hòn Lại Sơn
  };
  const zones = adminFile.communes.filter((c) => c.kind === 'dac_khu');
  it.each(zones.map((z) => [z.name, z.provinceCode] as const))('draws %s in province %s', (name, provinceCode) => {
    const at = SPECIAL_ZONE_ISLANDS[name];
    expect(at, `no island coordinates for ${name} in this test`).toBeDefined();
    expect(distance(feature(provinceCode), at!)).toBeLessThan(0.1);
  });
  it('knows Hoàng Sa as a zone of Đà Nẵng and Trường Sa as a zone of Khánh Hòa', () => {
    expect(zones.find((z) => z.name === 'Đặc khu Hoàng Sa')?.provinceCode).toBe('48');
    expect(zones.find((z) => z.name === 'Đặc khu Trường Sa')?.provinceCode).toBe('56');
  });

  it('has valid polygons: closed rings of ≥ 4 finite positions inside Vietnam’s extent, RFC 7946 winding', () => {
    for (const f of map.features) {
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
      for (const [outer, ...holes] of polygons(f)) {
        for (const ring of [outer!, ...holes]) {
          const where = `${f.properties.code} ring of ${ring.length}`;
          expect(ring.length, where).toBeGreaterThanOrEqual(4);
          expect(ring[0], where).toEqual(ring.at(-1));
          for (const [lon, lat] of ring) {
            expect(Number.isFinite(lon) && Number.isFinite(lat), where).toBe(true);
            expect(lon >= 102 && lon <= 118 && lat >= 6 && lat <= 24, `${where}: ${lon},${lat}`).toBe(true);
          }
          for (let i = 1; i < ring.length; i++) expect(ring[i], `${where}: repeated position ${i}`).not.toEqual(ring[i - 1]);
        }
        expect(signedArea(outer!), `${f.properties.code} outer ring clockwise`).toBeGreaterThan(0);
        for (const h of holes) expect(signedArea(h), `${f.properties.code} hole counter-clockwise`).toBeLessThan(0);
      }
    }
  });

  it('registers and renders in ECharts 6, joined on codes, with the archipelagos inside the view', () => {
    echarts.use([MapChart, SVGRenderer]);
    registerVietnamMap(echarts, map);
    const names = provinceShortNames(map);
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 600, height: 900 });
    try {
      chart.setOption({
        animation: false,
        series: [
          {
            type: 'map',
            map: VIETNAM_MAP_NAME,
            nameProperty: VIETNAM_MAP_NAME_PROPERTY,
            label: { show: true, formatter: (p: { name: string }) => names.get(p.name) ?? `?${p.name}` },
            data: map.features.map((f) => ({ name: f.properties.code, value: 1 }))
          }
        ]
      });
      const svg = chart.renderToSVGString();
      expect(svg).toContain('Đà Nẵng');
      expect(svg).toContain('Khánh Hòa');
      expect(svg).not.toMatch(/>\?\d\d</); // a code without a name
      for (const point of [[111.198, 15.784], [112.733, 16.667], [115.822, 10.817], [112.921, 7.892]] as const) {
        const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, [...point]) as number[];
        expect(x! >= 0 && x! <= 600 && y! >= 0 && y! <= 900, `${point} at ${x},${y}`).toBe(true);
      }
    } finally {
      chart.dispose();
    }
  });

  it('is what scripts/map/build-vietnam-map.ts builds from the current sources', async () => {
    const { buildVietnamMap, serialize } = await import('../../../scripts/map/build-vietnam-map.ts');
    const { map: built } = await buildVietnamMap(map.namesAsOf as IsoDateString);
    expect(serialize(built) === text, 'stale: run npx tsx scripts/map/build-vietnam-map.ts').toBe(true);
  }, 30_000);
});
