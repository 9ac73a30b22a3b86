import { html } from 'htm/preact';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { Change } from '../api.js';

/**
 * The alarm's state over time, as a stepped band (0 ok, 1 insufficient data, 2 alarm). The API has no call that
 * returns the metric's datapoints (the sources are read by the evaluator only), so the chart draws what the API
 * does return: the alarm's history. The timeline list below it is the same data as text.
 */
const LEVELS = ['ok', 'insufficient data', 'alarm'];

/** The state a history entry moved to: its detail is the JSON Aodh stores (creation: the alarm; transition: {state}). */
function stateOf(change: Change): string | undefined {
  try {
    const detail = JSON.parse(change.detail) as { state?: unknown };
    return typeof detail.state === 'string' && LEVELS.includes(detail.state) ? detail.state : undefined;
  } catch {
    return undefined;
  }
}

/** Aodh's timestamps carry no zone and are UTC. */
const seconds = (timestamp: string): number => Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(timestamp) ? timestamp : `${timestamp}Z`) / 1000;

/** x (s) and level per change, oldest first, closed by the current state now so the last step has a width. */
export function stateSeries(history: Change[], current: string, nowSeconds: number): [number[], number[]] {
  const points = history.flatMap((change) => {
    const state = stateOf(change);
    return state ? [[seconds(change.timestamp), LEVELS.indexOf(state)] as const] : [];
  });
  points.sort((a, b) => a[0] - b[0]);
  points.push([nowSeconds, Math.max(0, LEVELS.indexOf(current))]);
  return [points.map((point) => point[0]), points.map((point) => point[1])];
}

export function StateChart({ history, state }: { history: Change[]; state: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const data = stateSeries(history, state, Date.now() / 1000);
    const plot = new uPlot(
      {
        width: 600,
        height: 160,
        legend: { show: false },
        scales: { y: { range: [-0.2, 2.2] } },
        axes: [{}, { values: (_, ticks) => ticks.map((tick) => LEVELS[tick] ?? ''), splits: () => [0, 1, 2], size: 110 }],
        series: [{}, { label: 'state', stroke: '#a00000', fill: 'rgba(160,0,0,0.15)', paths: uPlot.paths.stepped?.({ align: 1 }) }],
      },
      data,
      box.current,
    );
    return () => plot.destroy();
  }, [history, state]);
  return html`<div id="state-chart" ref=${box} role="img" aria-label="Alarm state over time (the timeline below lists the same changes)"></div>`;
}
