/**
 * The map of Vietnam's 34 provinces and cities (since 01/07/2025) for ECharts, including the
 * Hoàng Sa archipelago (part of Thành phố Đà Nẵng, code 48) and the Trường Sa archipelago (part of
 * Tỉnh Khánh Hòa, code 56). The GeoJSON is a static asset, web/static/maps/vietnam-34.json, built
 * by scripts/map/build-vietnam-map.ts; this module only names it and registers it.
 *
 *   const geo = await (await fetch(VIETNAM_MAP_URL)).json();
 *   registerVietnamMap(echarts, geo);
 *   chart.setOption({ series: [{ type: 'map', map: VIETNAM_MAP_NAME,
 *     nameProperty: VIETNAM_MAP_NAME_PROPERTY,            // join on the province code, not on names
 *     data: [{ name: '48', value: 12 }, ...] }] });
 *
 * Pure TypeScript, no dependency (not even on echarts): usable from web and server code.
 */

/** The name to pass as `map:` in a map series or a geo component. */
export const VIETNAM_MAP_NAME = 'vietnam-34';

/** Where the web app serves the GeoJSON (web/static/maps/vietnam-34.json). */
export const VIETNAM_MAP_URL = '/maps/vietnam-34.json';

/**
 * Feature property holding the 2-digit GSO province code ('01' Hà Nội, '79' Hồ Chí Minh). Set it
 * as `nameProperty` of the series/geo and give data items `name: code`: names change (Đồng Nai
 * became a city on 30/04/2026) and differ in tone-mark placement between sources; codes do not.
 */
export const VIETNAM_MAP_NAME_PROPERTY = 'code';

export interface VietnamProvinceProperties {
  /** GSO code, 2 digits. */
  readonly code: string;
  /** Official name with its prefix, as of the file's `namesAsOf`: 'Thành phố Hà Nội'. */
  readonly name: string;
  /** Without the prefix, for labels: 'Hà Nội'. */
  readonly shortName: string;
}

/** [longitude, latitude], WGS 84 degrees. */
export type Position = readonly [number, number];
/** Rings of one polygon: the outer ring, then holes; each ring closed (first = last position). */
export type PolygonCoordinates = readonly (readonly Position[])[];

export interface VietnamProvinceFeature {
  readonly type: 'Feature';
  readonly properties: VietnamProvinceProperties;
  readonly geometry:
    | { readonly type: 'Polygon'; readonly coordinates: PolygonCoordinates }
    | { readonly type: 'MultiPolygon'; readonly coordinates: readonly PolygonCoordinates[] };
}

export interface VietnamMapGeoJson {
  readonly type: 'FeatureCollection';
  /** The date the province names are valid from (YYYY-MM-DD). */
  readonly namesAsOf: string;
  readonly features: readonly VietnamProvinceFeature[];
}

/**
 * Where to put a label for each archipelago (the island symbols are only a few pixels wide):
 * e.g. a scatter series on the same geo with these coordinates and `label.formatter` = name.
 */
export const ARCHIPELAGO_LABELS = [
  { name: 'Quần đảo Hoàng Sa', provinceCode: '48', coord: [112.0, 16.35] },
  { name: 'Quần đảo Trường Sa', provinceCode: '56', coord: [114.0, 9.6] }
] as const satisfies readonly { name: string; provinceCode: string; coord: Position }[];

/** What registerVietnamMap needs from echarts (`import * as echarts from 'echarts/core'` fits). */
export interface EChartsMapRegistry {
  // `never`: accepts echarts' own registerMap signature without importing echarts types here.
  registerMap(mapName: string, geoJson: never): void;
}

/** Registers the map under VIETNAM_MAP_NAME; call once before the first setOption using it. */
export function registerVietnamMap(echarts: EChartsMapRegistry, geoJson: VietnamMapGeoJson): void {
  echarts.registerMap(VIETNAM_MAP_NAME, geoJson as never);
}

/** Province code -> short name, for labels and tooltips (`formatter`). */
export function provinceShortNames(geoJson: VietnamMapGeoJson): Map<string, string> {
  return new Map(geoJson.features.map((f) => [f.properties.code, f.properties.shortName]));
}
