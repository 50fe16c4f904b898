import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef, type ReactNode } from 'react';

// Only the pieces the refund charts draw: bars, a line, two axes, a legend and tooltips.
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

export type RefundChartConfig = ChartConfiguration<'bar' | 'line', number[], string>;

/**
 * One Chart.js chart on its own canvas, drawn again when its config changes and destroyed
 * when the component goes. The canvas is an image to assistive technology (`role="img"`,
 * `summary` as its name); the same figures are in the table given as `children`.
 */
export function RefundChart({
  config,
  summary,
  children,
}: {
  readonly config: RefundChartConfig;
  readonly summary: string;
  readonly children: ReactNode;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const chart = new Chart(canvas.current!, config);
    return () => chart.destroy();
  }, [config]);
  return (
    <>
      <div className="bo-chart">
        <canvas ref={canvas} role="img" aria-label={summary} />
      </div>
      {children}
    </>
  );
}
