/**
 * Sequential colours for the dark wall: nothing is slate, then blue → violet → orange → red as
 * the value nears the largest one shown (no green on the way: green reads as "good"). A square-root scale, so a few big cities do not leave every
 * other province the same colour.
 */
const STOPS: [number, [number, number, number]][] = [
  [0, [30, 64, 175]], // #1e40af
  [0.45, [124, 58, 237]], // #7c3aed
  [0.75, [249, 115, 22]], // #f97316
  [1, [239, 68, 68]] // #ef4444
];

export function colourFor(value: number, max: number): string {
  if (value <= 0 || max <= 0) return '#1e293b';
  const x = Math.sqrt(Math.min(value / max, 1));
  let i = 1;
  while (i < STOPS.length - 1 && STOPS[i]![0] < x) i++;
  const [x0, c0] = STOPS[i - 1]!;
  const [x1, c1] = STOPS[i]!;
  const f = (x - x0) / (x1 - x0 || 1);
  const c = c0.map((v, k) => Math.round(v + (c1[k]! - v) * f));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}
