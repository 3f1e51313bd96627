import { colors } from './pdf-style';

/**
 * Charts for PDFs, drawn as SVG that pdfmake embeds as vectors. Every text in them is escaped:
 * a KPI or partner name is only ever text.
 */

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const round = (n: number) => Math.round(n * 10) / 10;

/** About four round steps from `low` to `high`: 0, 250, 500… or 0, 0.2, 0.4… */
export function niceTicks(low: number, high: number, count = 4): number[] {
  if (!(high > low)) return [low];
  const rough = (high - low) / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= rough) ?? 10) * magnitude;
  // Counted in whole steps and rounded, so 3 × 0.2 reads 0.6, not 0.6000000000000001.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  const ticks: number[] = [];
  const last = Math.ceil(high / step - 1e-9);
  for (let n = Math.floor(low / step + 1e-9); n <= last; n++) {
    ticks.push(Number((n * step).toFixed(decimals)));
  }
  return ticks;
}

export interface LineSeries {
  name: string;
  /** One value per label; null where there is none (a month not yet measured). */
  values: Array<number | null>;
  color: string;
  dashed?: boolean;
}

export interface LineChart {
  width: number;
  height: number;
  /** The x axis, left to right (`2026-01`, `FY2027-Q2`). */
  labels: string[];
  series: LineSeries[];
  /** How a value reads on the y axis (`€12k`, `85 %`). */
  format: (value: number) => string;
}

/** A line chart with its y axis, the x labels that fit and a legend. */
export function lineChartSvg(chart: LineChart): string {
  const { width, height, labels, format } = chart;
  const values = chart.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const ticks = niceTicks(Math.min(0, ...values), Math.max(1e-9, ...values));
  const low = ticks[0] ?? 0;
  const high = ticks[ticks.length - 1] ?? 1;
  const left = 44;
  // Room for the last x label, centred on the plot's right edge.
  const right = 20;
  const top = 8;
  const bottom = 34;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const x = (i: number) =>
    left + (labels.length <= 1 ? plotWidth / 2 : (i * plotWidth) / (labels.length - 1));
  const y = (v: number) => top + plotHeight - ((v - low) / (high - low || 1)) * plotHeight;
  const parts: string[] = [];
  for (const tick of ticks) {
    parts.push(
      `<line x1="${left}" x2="${width - right}" y1="${round(y(tick))}" y2="${round(y(tick))}" stroke="${colors.rule}" stroke-width="0.5"/>`,
      `<text x="${left - 4}" y="${round(y(tick) + 3)}" font-size="7" text-anchor="end" fill="${colors.dimmed}">${escapeXml(format(tick))}</text>`,
    );
  }
  const every = Math.max(1, Math.ceil(labels.length / Math.max(1, Math.floor(plotWidth / 36))));
  labels.forEach((label, i) => {
    if (i % every !== 0 && i !== labels.length - 1) return;
    parts.push(
      `<text x="${round(x(i))}" y="${height - bottom + 11}" font-size="7" text-anchor="middle" fill="${colors.dimmed}">${escapeXml(label)}</text>`,
    );
  });
  for (const series of chart.series) {
    const dash = series.dashed ? ' stroke-dasharray="3 2"' : '';
    let run: string[] = [];
    const flush = () => {
      if (run.length > 1) {
        parts.push(
          `<polyline points="${run.join(' ')}" fill="none" stroke="${series.color}" stroke-width="1.5"${dash}/>`,
        );
      }
      run = [];
    };
    series.values.forEach((v, i) => {
      if (v === null) {
        flush();
        return;
      }
      run.push(`${round(x(i))},${round(y(v))}`);
      if (!series.dashed) {
        parts.push(
          `<circle cx="${round(x(i))}" cy="${round(y(v))}" r="1.8" fill="${series.color}"/>`,
        );
      }
    });
    flush();
  }
  const legend = chart.series.map((s) => ({
    name: s.name,
    color: s.color,
    dashed: s.dashed ?? false,
  }));
  let lx = left;
  for (const item of legend) {
    const ly = height - 8;
    const dash = item.dashed ? ' stroke-dasharray="3 2"' : '';
    parts.push(
      `<line x1="${lx}" x2="${lx + 14}" y1="${ly - 3}" y2="${ly - 3}" stroke="${item.color}" stroke-width="1.5"${dash}/>`,
      `<text x="${lx + 18}" y="${ly}" font-size="7" fill="${colors.text}">${escapeXml(item.name)}</text>`,
    );
    lx += 26 + item.name.length * 4;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

export interface Bar {
  label: string;
  value: number;
  color?: string;
}

/** Horizontal bars, one per row, with the label on the left and the value after the bar. */
export function barChartSvg(
  bars: Bar[],
  width: number,
  format: (value: number) => string = String,
): string {
  const row = 16;
  const labelWidth = 110;
  const valueWidth = 40;
  const height = Math.max(row, bars.length * row);
  const max = Math.max(1e-9, ...bars.map((b) => b.value));
  const span = width - labelWidth - valueWidth;
  const parts = bars.map((bar, i) => {
    const y = i * row;
    const length = round((Math.max(0, bar.value) / max) * span);
    const label = bar.label.length > 24 ? `${bar.label.slice(0, 23)}…` : bar.label;
    return [
      `<text x="0" y="${y + 11}" font-size="8" fill="${colors.text}">${escapeXml(label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${length}" height="${row - 6}" fill="${bar.color ?? colors.primary}"/>`,
      `<text x="${labelWidth + length + 4}" y="${y + 11}" font-size="8" fill="${colors.dimmed}">${escapeXml(format(bar.value))}</text>`,
    ].join('');
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}
