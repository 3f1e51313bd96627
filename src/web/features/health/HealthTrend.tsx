import { Table, Text, VisuallyHidden } from '@mantine/core';
import type { PartnerHealth } from './health.api';

const WIDTH = 560;
const HEIGHT = 120;
const PAD = 8;

/**
 * The daily scores as a line over 0–100, drawn as a small SVG (one line needs no chart library).
 * Screen readers get a summary as the image's name and the days and scores as a table.
 */
export function HealthTrend({ trend }: { trend: PartnerHealth['trend'] }) {
  if (trend.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No daily snapshots yet: the trend starts after the first nightly run.
      </Text>
    );
  }
  const first = trend[0];
  const last = trend[trend.length - 1];
  const x = (i: number) =>
    trend.length === 1 ? WIDTH / 2 : PAD + (i * (WIDTH - 2 * PAD)) / (trend.length - 1);
  const y = (score: number) => PAD + ((100 - score) * (HEIGHT - 2 * PAD)) / 100;
  const points = trend.map((p, i) => `${x(i).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ');
  const lowest = Math.min(...trend.map((p) => p.score));
  const highest = Math.max(...trend.map((p) => p.score));
  const summary = `Health score over ${trend.length} days: ${first?.score} on ${first?.day}, ${last?.score} on ${last?.day}; lowest ${lowest}, highest ${highest}.`;
  return (
    <div>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        height={HEIGHT}
        role="img"
        aria-label={summary}
        preserveAspectRatio="none"
      >
        {[0, 50, 100].map((score) => (
          <line
            key={score}
            x1={PAD}
            x2={WIDTH - PAD}
            y1={y(score)}
            y2={y(score)}
            stroke="var(--mantine-color-default-border)"
            strokeDasharray="4 4"
          />
        ))}
        <polyline
          points={points}
          fill="none"
          stroke="var(--mantine-primary-color-filled)"
          strokeWidth={2}
          vectorEffect="non-scaling-stroke"
        />
        {trend.length === 1 ? (
          <circle
            cx={x(0)}
            cy={y(trend[0]?.score ?? 0)}
            r={3}
            fill="var(--mantine-primary-color-filled)"
          />
        ) : null}
      </svg>
      <Text size="xs" c="dimmed" aria-hidden>
        {first?.day} – {last?.day} · lowest {lowest}, highest {highest}
      </Text>
      <VisuallyHidden>
        <Table>
          <caption>Daily health scores</caption>
          <thead>
            <tr>
              <th>Day</th>
              <th>Score</th>
            </tr>
          </thead>
          <tbody>
            {trend.map((p) => (
              <tr key={p.day}>
                <td>{p.day}</td>
                <td>{p.score}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </VisuallyHidden>
    </div>
  );
}
