import { useTranslation } from 'react-i18next';
import type {
  AttendanceMatrix,
  MatrixCell,
  PersonCompletion,
} from '../../../domain/reports/attendance';
import { formatDate, formatPercent } from '../../../i18n/format';
import { useLanguage } from '../../../i18n/i18n';
import { TableRegion } from '../../../ui/table-region';

interface AttendanceMatrixTableProps {
  matrix: AttendanceMatrix;
  completion: PersonCompletion[];
  /** Participant id → what to show for the person (their code by default). */
  labelOf: (participantId: string) => string;
}

const SYMBOL: Record<MatrixCell, string> = {
  present: '●',
  late: '◐',
  'left-early': '◑',
  excused: 'E',
  absent: '○',
  'not-recorded': '?',
  'not-member': '',
  'not-held': '–',
};

/** Participants × meetings. Each cell shows a symbol and says its status in words to screen readers. */
export function AttendanceMatrixTable({ matrix, completion, labelOf }: AttendanceMatrixTableProps) {
  const { t } = useTranslation('reports');
  const lng = useLanguage();
  const pct = (share: number | undefined) =>
    share === undefined ? '–' : formatPercent(share, lng);
  return (
    <>
      <TableRegion label={t('matrix.caption')}>
        <table className="report-matrix">
          <caption>{t('matrix.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('matrix.participant')}</th>
              {matrix.meetings.map((m) => (
                <th scope="col" key={m.id}>
                  <span aria-hidden="true">{m.number}</span>
                  <span className="visually-hidden">
                    {t('matrix.meetingN', { number: m.number })}, {formatDate(m.date, lng)}
                    {m.status === 'cancelled' ? `, ${t('matrix.cancelled')}` : ''}
                    {m.extra ? `, ${t('matrix.extra')}` : ''}
                  </span>
                </th>
              ))}
              <th scope="col">{t('matrix.rate')}</th>
              <th scope="col">{t('matrix.completion')}</th>
            </tr>
          </thead>
          <tbody>
            {matrix.members.map((member, i) => (
              <tr key={member.participantId}>
                <th scope="row">{labelOf(member.participantId)}</th>
                {matrix.cells[i]!.map((cell, j) => (
                  <td key={matrix.meetings[j]!.id} className={`cell-${cell}`}>
                    <span aria-hidden="true">{SYMBOL[cell]}</span>
                    <span className="visually-hidden">{t(`status.${cell}`)}</span>
                  </td>
                ))}
                <td>{pct(matrix.perPerson[i]!.rate)}</td>
                <td>{t(`completion.${completion[i]!.status}`)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('matrix.perMeeting')}</th>
              {matrix.perMeeting.map((slot) => (
                <td key={slot.meetingId}>{slot.held ? pct(slot.rate) : '–'}</td>
              ))}
              <td>{pct(matrix.overallRate)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      </TableRegion>
      <p className="report-key" aria-hidden="true">
        {(
          [
            'present',
            'late',
            'left-early',
            'excused',
            'absent',
            'not-recorded',
            'not-held',
          ] as const
        ).map((s) => (
          <span key={s}>
            {SYMBOL[s]} {t(`status.${s}`)}
          </span>
        ))}
      </p>
      <p className="field-hint">{t('matrix.policy')}</p>
    </>
  );
}
