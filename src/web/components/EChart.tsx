import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, CustomChart, LineChart, ScatterChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only the pieces the board draws are registered, which keeps the lazily loaded chunk small.
echarts.use([BarChart, LineChart, ScatterChart, CustomChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, CanvasRenderer]);

export type EChartsOption = echarts.EChartsCoreOption;
export type ChartClick = { dataIndex: number; seriesIndex?: number; seriesName?: string; data?: unknown };

/**
 * ECharts' HTML tooltip writes its markup, colour markers included, through
 * innerHTML with style="…" attributes, which the page's CSP refuses
 * (style-src has no 'unsafe-inline'). Tooltips are drawn on the canvas
 * instead; user text in them (matter titles) is then never parsed as HTML.
 */
function canvasTooltips(option: EChartsOption): EChartsOption {
  const t = option.tooltip as Record<string, unknown> | Record<string, unknown>[] | undefined;
  if (!t) return option;
  const tooltip = Array.isArray(t) ? t.map((x) => ({ ...x, renderMode: 'richText' })) : { ...t, renderMode: 'richText' };
  return { ...option, tooltip };
}

/**
 * A thin React wrapper over one ECharts instance: created once per mount,
 * handed each new option as a whole (notMerge, so removed series disappear),
 * resized with the window, and disposed on unmount.
 */
export function EChart({
  option,
  height = 320,
  onClick,
  label,
}: {
  option: EChartsOption;
  height?: number;
  onClick?: (p: ChartClick) => void;
  /** what the chart shows, for screen readers (the canvas itself says nothing) */
  label: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  // The instance outlives renders; the handler it calls is refreshed after each one.
  useEffect(() => {
    click.current = onClick;
  });

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current);
    chart.current = c;
    c.on('click', (p) => click.current?.(p as ChartClick));
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(canvasTooltips(option), { notMerge: true });
  }, [option]);

  return <div ref={el} role="img" aria-label={label} className="echart" style={{ width: '100%', height }} />;
}
