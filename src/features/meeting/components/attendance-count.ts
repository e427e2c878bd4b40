import type { TFunction } from 'i18next';
import type { countAttendance } from '../../../domain/attendance-rules';

/** A meeting's attendance in words: "8 of 10 came" and its breakdown by mark (attendance, close). */
export function attendanceTexts(
  t: TFunction<'meeting'>,
  count: ReturnType<typeof countAttendance>,
): { total: string; breakdown: string } {
  return {
    total: t('attendance.count', { attended: count.attended, roster: count.roster }),
    breakdown: t('attendance.breakdown', {
      present: count.byStatus.present,
      late: count.byStatus.late,
      leftEarly: count.byStatus['left-early'],
      excused: count.byStatus.excused,
      absent: count.byStatus.absent,
      unmarked: count.unmarked,
    }),
  };
}
