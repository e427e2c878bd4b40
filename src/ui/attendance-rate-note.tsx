import { useTranslation } from 'react-i18next';

/**
 * "How is this counted?" beside every attendance rate: the one definition in
 * src/domain/reports/attendance.ts (docs/reports-and-suppression.md), in words.
 */
export function AttendanceRateNote() {
  const { t } = useTranslation();
  return (
    <details className="how-counted">
      <summary>{t('attendanceRate.howCounted')}</summary>
      <p>{t('attendanceRate.explained')}</p>
    </details>
  );
}
