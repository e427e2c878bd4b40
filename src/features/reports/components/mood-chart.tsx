/**
 * The group's mood and engagement over the meetings, drawn by Chartist (a
 * small SVG charting library; loaded with the reports chunk only). The
 * drawing is hidden from screen readers: the same numbers are in a table
 * right after it, which is what assistive technology reads.
 */
import { LineChart } from 'chartist';
import 'chartist/dist/index.css';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { MoodPoint } from '../../../domain/reports/mood';
import { formatDate } from '../../../i18n/format';
import { useLanguage } from '../../../i18n/i18n';

export function MoodChart({ points }: { points: MoodPoint[] }) {
  const { t } = useTranslation('reports');
  const lng = useLanguage();
  const box = useRef<HTMLDivElement>(null);
  const rated = points.some((p) => p.mood !== undefined || p.engagement !== undefined);

  useEffect(() => {
    // Chartist draws on a timer and needs matchMedia (absent only in test DOMs);
    // the table below carries the same numbers either way.
    if (!box.current || !rated || typeof window.matchMedia !== 'function') return;
    let chart: LineChart | undefined;
    try {
      chart = new LineChart(
        box.current,
        {
          labels: points.map((p) => String(p.number)),
          series: [
            { name: 'mood', data: points.map((p) => p.mood ?? null) },
            { name: 'engagement', data: points.map((p) => p.engagement ?? null) },
          ],
        },
        {
          low: 1,
          high: 5,
          height: '220px',
          fullWidth: true,
          lineSmooth: false,
          axisY: { onlyInteger: true },
          chartPadding: { right: 24 },
        },
      );
    } catch {
      // No layout (tests) or no SVG: the table below carries the same numbers.
    }
    return () => {
      chart?.detach();
    };
  }, [points, rated]);

  if (!rated) return <p>{t('mood.none')}</p>;
  return (
    <figure className="report-chart">
      <div ref={box} className="report-chart-box" aria-hidden="true" />
      <figcaption className="report-legend" aria-hidden="true">
        <span className="legend-mood">{t('mood.mood')}</span>
        <span className="legend-engagement">{t('mood.engagement')}</span>
      </figcaption>
      {/* The box is hidden, not the table: a table is never narrower than its
          content, so a hidden table itself would widen the page on a phone. */}
      <div className="visually-hidden">
        <table>
          <caption>{t('mood.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('matrix.meeting')}</th>
              <th scope="col">{t('mood.mood')}</th>
              <th scope="col">{t('mood.engagement')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.meetingId}>
                <th scope="row">
                  {t('matrix.meetingN', { number: p.number })}, {formatDate(p.date, lng)}
                </th>
                <td>{p.mood ?? t('mood.notRated')}</td>
                <td>{p.engagement ?? t('mood.notRated')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
