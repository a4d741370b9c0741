import { useId, useMemo } from 'react';
import { useTranslation } from '../../app/i18n/i18n';
import { useFormat } from '../../app/i18n/useFormat';
import { ascending, niceMax, stepPath, summarise, type ProbabilitySummary } from '../utils/probabilities';
import '../i18n/messages';

const WIDTH = 800;
const HEIGHT = 320;
const TICKS = 5;

interface ProbabilityChartProps {
  /** The fair algorithm's probabilities, by pseudonymous id. */
  probabilities: Readonly<Record<string, number>>;
  algorithm: string;
  /** k/n: every volunteer's probability in a draw without quotas. */
  kOverN: number;
  gini: number;
  /** LEGACY's empirical probabilities on the same instance, when computed. */
  legacy?: { probabilities: Readonly<Record<string, number>>; gini: number; runs: number };
}

/**
 * Every volunteer's selection probability, lowest to highest, as a step line (one volunteer per
 * step), with a line at k/n and LEGACY's on the same axes when asked for; the exact figures
 * (minimum, deciles, median, maximum, Gini) are in the table beside it, which is what screen readers
 * read — the chart says the same as an image with its summary.
 */
export function ProbabilityChart({ probabilities, algorithm, kOverN, gini, legacy }: ProbabilityChartProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useId();
  const fair = useMemo(() => ascending(probabilities), [probabilities]);
  const old = useMemo(() => (legacy === undefined ? undefined : ascending(legacy.probabilities)), [legacy]);
  const fairSummary = useMemo(() => summarise(fair), [fair]);
  const oldSummary = useMemo(() => (old === undefined ? undefined : summarise(old)), [old]);
  const yMax = niceMax([fairSummary.max, kOverN, oldSummary?.max ?? 0]);
  const y = (p: number): number => HEIGHT - (p / yMax) * HEIGHT;
  const pct = (p: number): string => format.percent(p, 2);
  const name = t(`console.draw.algorithm.${algorithm as 'leximin'}`);

  return (
    <figure className="probability-chart">
      <svg viewBox={`-64 -12 ${WIDTH + 76} ${HEIGHT + 52}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="probability-svg">
        <title id={`${id}-title`}>{t('console.draw.chart.title', { volunteers: format.number(fair.length) })}</title>
        <desc id={`${id}-desc`}>
          {t('console.draw.chart.summary', { algorithm: name, min: pct(fairSummary.min), median: pct(fairSummary.median), max: pct(fairSummary.max), kOverN: pct(kOverN) })}
          {oldSummary !== undefined ? ` ${t('console.draw.chart.legacySummary', { min: pct(oldSummary.min), max: pct(oldSummary.max) })}` : ''}
        </desc>
        {Array.from({ length: TICKS + 1 }, (_, i) => (yMax * i) / TICKS).map((tick) => (
          <g key={tick} className="chart-grid">
            <line x1={0} x2={WIDTH} y1={y(tick)} y2={y(tick)} />
            <text x={-8} y={y(tick) + 4} textAnchor="end">
              {format.percent(tick, 1)}
            </text>
          </g>
        ))}
        <line className="chart-k-over-n" x1={0} x2={WIDTH} y1={y(kOverN)} y2={y(kOverN)} />
        <text className="chart-k-over-n-label" x={WIDTH} y={y(kOverN) - 6} textAnchor="end">
          {t('console.draw.chart.kOverN', { value: pct(kOverN) })}
        </text>
        {old !== undefined ? <path className="chart-legacy" d={stepPath(old, WIDTH, HEIGHT, yMax)} /> : null}
        <path className="chart-fair" d={stepPath(fair, WIDTH, HEIGHT, yMax)} />
        <line className="chart-axis" x1={0} x2={WIDTH} y1={HEIGHT} y2={HEIGHT} />
        <text x={WIDTH / 2} y={HEIGHT + 34} textAnchor="middle">
          {t('console.draw.chart.xAxis', { volunteers: format.number(fair.length) })}
        </text>
      </svg>
      <figcaption>
        <ul className="chart-legend">
          <li>
            <span className="legend-line legend-fair" aria-hidden="true" /> {t('console.draw.chart.fairLine', { algorithm: name })}
          </li>
          {old !== undefined && legacy !== undefined ? (
            <li>
              <span className="legend-line legend-legacy" aria-hidden="true" /> {t('console.draw.chart.legacyLine', { runs: format.number(legacy.runs) })}
            </li>
          ) : null}
          <li>
            <span className="legend-line legend-k-over-n" aria-hidden="true" /> {t('console.draw.chart.kOverNLine')}
          </li>
        </ul>
      </figcaption>
      <ProbabilityTable name={name} fair={fairSummary} fairGini={gini} legacy={oldSummary} legacyGini={legacy?.gini} />
    </figure>
  );
}

function ProbabilityTable({ name, fair, fairGini, legacy, legacyGini }: { name: string; fair: ProbabilitySummary; fairGini: number; legacy?: ProbabilitySummary; legacyGini?: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const pct = (p: number): string => format.percent(p, 2);
  const rows: Array<[string, (s: ProbabilitySummary) => string]> = [
    [t('console.draw.stats.min'), (s) => pct(s.min)],
    [t('console.draw.stats.p10'), (s) => pct(s.p10)],
    [t('console.draw.stats.median'), (s) => pct(s.median)],
    [t('console.draw.stats.p90'), (s) => pct(s.p90)],
    [t('console.draw.stats.max'), (s) => pct(s.max)],
  ];
  return (
    <table className="probability-table">
      <caption>{t('console.draw.stats.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('console.draw.stats.measure')}</th>
          <th scope="col">{name}</th>
          {legacy !== undefined ? <th scope="col">LEGACY</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{value(fair)}</td>
            {legacy !== undefined ? <td>{value(legacy)}</td> : null}
          </tr>
        ))}
        <tr>
          <th scope="row">{t('console.draw.stats.gini')}</th>
          <td>{format.number(Number(fairGini.toFixed(3)))}</td>
          {legacy !== undefined && legacyGini !== undefined ? <td>{format.number(Number(legacyGini.toFixed(3)))}</td> : null}
        </tr>
      </tbody>
    </table>
  );
}
