import type { TFunction } from 'i18next';
import type { ScheduleError } from '../../../domain/schedule';
import { formatDate } from '../../../i18n/format';

/** A schedule rule's refusal, in words a coordinator can act on. */
export function describeScheduleError(error: ScheduleError, t: TFunction, lng: string): string {
  switch (error.kind) {
    case 'meeting-held':
      return t('cohorts:schedule.errors.held', { date: formatDate(error.date, lng) });
    case 'meeting-cancelled':
      return t('cohorts:schedule.errors.cancelled', { date: formatDate(error.date, lng) });
    case 'before-previous-meeting':
      return t('cohorts:schedule.errors.beforePrevious', {
        date: formatDate(error.previousDate, lng),
      });
    case 'reason-required':
      return t('cohorts:schedule.errors.reasonRequired');
    case 'reason-too-long':
      return t('cohorts:schedule.errors.reasonTooLong', { max: error.max });
    case 'invalid-date':
      return t('cohorts:schedule.errors.invalidDate');
    case 'invalid-time':
    case 'invalid-duration':
      return t('cohorts:problems.invalid-time');
    default:
      return t('cohorts:schedule.errors.other');
  }
}
