// ECharts, only the parts the pages use (tree-shaken), loaded with the pages that draw charts.
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export const LANE_COLORS: Record<string, string> = { green: '#2e7d32', yellow: '#f9a825', red: '#c62828' };

const live = new Set<echarts.ECharts>();
// One observer for all charts: a phone rotated or a window resized redraws them at their size.
const observer = new ResizeObserver((entries) => {
  for (const e of entries) echarts.getInstanceByDom(e.target as HTMLElement)?.resize();
});

export function chart(el: HTMLElement, option: echarts.EChartsCoreOption): echarts.ECharts {
  for (const c of live) {
    if (!document.body.contains(c.getDom())) {
      observer.unobserve(c.getDom());
      c.dispose();
      live.delete(c);
    }
  }
  const c = echarts.init(el, undefined, { renderer: 'canvas' });
  c.setOption({ animation: false, ...option });
  live.add(c);
  observer.observe(el);
  return c;
}

export function stackedBars(el: HTMLElement, categories: string[], series: { name: string; data: number[]; color?: string }[], fmt: (n: number) => string): void {
  chart(el, {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => fmt(Number(v)) },
    legend: { top: 0 },
    grid: { left: 8, right: 8, bottom: 8, top: 32, containLabel: true },
    xAxis: { type: 'category', data: categories },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt(v) } },
    series: series.map((s) => ({ type: 'bar', stack: 'all', name: s.name, data: s.data, itemStyle: s.color ? { color: s.color } : undefined })),
  });
}

export function bars(el: HTMLElement, categories: string[], data: number[], fmt: (n: number) => string, horizontal = false, colors?: string[]): void {
  const cat = { type: 'category', data: categories, inverse: horizontal };
  const val = { type: 'value', axisLabel: { formatter: (v: number) => fmt(v) } };
  chart(el, {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => fmt(Number(v)) },
    grid: { left: 8, right: 16, bottom: 8, top: 16, containLabel: true },
    xAxis: horizontal ? val : cat,
    yAxis: horizontal ? cat : val,
    series: [{ type: 'bar', data: data.map((value, i) => ({ value, itemStyle: { color: colors?.[i] ?? '#1565c0' } })) }],
  });
}

export function pie(el: HTMLElement, data: { name: string; value: number; color?: string }[], fmt: (n: number) => string): void {
  chart(el, {
    tooltip: { trigger: 'item', valueFormatter: (v: unknown) => fmt(Number(v)) },
    legend: { bottom: 0 },
    series: [{ type: 'pie', radius: ['35%', '65%'], data: data.map((d) => ({ name: d.name, value: d.value, itemStyle: d.color ? { color: d.color } : undefined })) }],
  });
}
