/**
 * ECharts for the reports page, tree-shaken (`echarts/core`): bar and line charts, the grid and
 * the tooltip, registered on top of what the command area registers (its Chart component draws
 * them). Options are built here so the page stays declarative.
 */
import { use } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { WallChartOption } from '$lib/command/echarts.ts';

use([BarChart, LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

const RED = '#9b1c1c';

export function barOption(labels: string[], values: number[], unit = ''): WallChartOption {
  return {
    grid: { left: 44, right: 12, top: 14, bottom: labels.length > 6 ? 78 : 36 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${Number(v).toLocaleString('vi-VN')}${unit}` },
    xAxis: { type: 'category', data: labels, axisLabel: { rotate: labels.length > 6 ? 35 : 0, fontSize: 11, interval: 0 } },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', data: values, itemStyle: { color: RED } }]
  } as unknown as WallChartOption;
}

export function lineOption(labels: string[], values: number[]): WallChartOption {
  return {
    grid: { left: 48, right: 12, top: 14, bottom: 36 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: labels, axisLabel: { fontSize: 11 } },
    yAxis: { type: 'value' },
    series: [{ type: 'line', data: values, smooth: true, areaStyle: { opacity: 0.15 }, itemStyle: { color: RED }, lineStyle: { color: RED } }]
  } as unknown as WallChartOption;
}

/** Month-on-month change of the last month, in per cent (null when there is no previous month). */
export function monthOnMonth(trend: { month: string; n: number }[]): number | null {
  if (trend.length < 2) return null;
  const [prev, last] = [trend[trend.length - 2]!.n, trend[trend.length - 1]!.n];
  return prev === 0 ? null : Math.round(((last - prev) / prev) * 1000) / 10;
}
