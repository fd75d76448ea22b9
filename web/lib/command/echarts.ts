/**
 * ECharts for the wall screen, tree-shaken: the core with only the map and bar charts, the
 * simple grid and the canvas renderer (ECOSYSTEM.md; the page's JavaScript must stay under
 * 400 KB gzipped, scripts/measure-command-js.mjs). Add a chart or component here only if used.
 */
import { init, registerMap, use, type ComposeOption, type ECharts } from 'echarts/core';
import { BarChart, MapChart, type BarSeriesOption, type MapSeriesOption } from 'echarts/charts';
import { GridSimpleComponent, type GridComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([MapChart, BarChart, GridSimpleComponent, CanvasRenderer]);

export type WallChartOption = ComposeOption<BarSeriesOption | MapSeriesOption | GridComponentOption>;
export { init, registerMap, type ECharts };
