/**
 * The efficient frontier as a small inline SVG (no chart library, nothing loaded): best value
 * against budget, with the current plan marked. It has a text alternative (title and desc).
 */
import type { JSX } from 'preact';

/** 1234567 → "1.2M", 45000 → "45k", 12.5 → "12.5". */
export function formatShort(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e6) return `${(n / 1e6).toFixed(a >= 1e7 ? 0 : 1)}M`;
  if (a >= 1e3) return `${(n / 1e3).toFixed(a >= 1e4 ? 0 : 1)}k`;
  return String(Math.round(n));
}

export interface FrontierPoint {
  readonly budget: number;
  readonly value: number;
}

const W = 276;
const H = 150;
const PAD = { left: 40, right: 10, top: 10, bottom: 30 };

export function FrontierChart(p: {
  readonly points: readonly FrontierPoint[];
  readonly current: FrontierPoint | null;
}): JSX.Element {
  const all = p.current ? [...p.points, p.current] : p.points;
  const xMax = Math.max(1, ...all.map((q) => q.budget));
  const yMax = Math.max(1e-9, ...all.map((q) => q.value));
  const x = (b: number): number => PAD.left + (b / xMax) * (W - PAD.left - PAD.right);
  const y = (v: number): number => H - PAD.bottom - (v / yMax) * (H - PAD.top - PAD.bottom);
  const line = p.points.map((q) => `${x(q.budget).toFixed(1)},${y(q.value).toFixed(1)}`).join(' ');
  const last = p.points[p.points.length - 1];
  const desc = last
    ? `Best value rises from ${formatShort(p.points[0]?.value ?? 0)} at budget ${formatShort(p.points[0]?.budget ?? 0)} to ${formatShort(last.value)} at budget ${formatShort(last.budget)}.${p.current ? ` This plan: value ${formatShort(p.current.value)} at budget ${formatShort(p.current.budget)}.` : ''}`
    : 'No frontier could be computed.';
  return (
    <svg
      class="frontier"
      width={W}
      height={H}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-labelledby="frontier-title frontier-desc"
    >
      <title id="frontier-title">Efficient frontier: best value for each budget</title>
      <desc id="frontier-desc">{desc}</desc>
      <line class="axis" x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} />
      <line class="axis" x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} />
      {[0, 0.5, 1].map((f) => (
        <g key={`x${f}`}>
          <text
            class="tick"
            x={x(f * xMax)}
            y={H - PAD.bottom + 14}
            text-anchor={f === 0 ? 'start' : f === 1 ? 'end' : 'middle'}
          >
            {formatShort(f * xMax)}
          </text>
        </g>
      ))}
      {[0, 0.5, 1].map((f) => (
        <g key={`y${f}`}>
          <line class="grid" x1={PAD.left} y1={y(f * yMax)} x2={W - PAD.right} y2={y(f * yMax)} />
          <text class="tick" x={PAD.left - 4} y={y(f * yMax) + 4} text-anchor="end">
            {formatShort(f * yMax)}
          </text>
        </g>
      ))}
      <text class="label" x={(PAD.left + W - PAD.right) / 2} y={H - 1} text-anchor="middle">
        budget
      </text>
      {line && <polyline class="curve" points={line} />}
      {p.points.map((q) => (
        <circle key={q.budget} class="dot" cx={x(q.budget)} cy={y(q.value)} r={2.5} />
      ))}
      {p.current && (
        <circle class="current" cx={x(p.current.budget)} cy={y(p.current.value)} r={5}>
          <title>This plan</title>
        </circle>
      )}
    </svg>
  );
}
