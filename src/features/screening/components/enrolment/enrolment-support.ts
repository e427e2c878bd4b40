import { useTranslation } from 'react-i18next';
import { todayInRiga } from '../../../../domain/calendar-date';
import { enrolmentFacts } from '../../../../domain/enrolment-facts';
import { describeStorageError } from '../../../../ui/storage-errors';
import { RefusedError } from '../../api/write-support';
import { useScreeningValidityDays, type Journey } from '../../api/queries';

/** The message for a refused or failed enrolment write. */
export function useErrorText() {
  const { t } = useTranslation('screening');
  return (error: unknown) =>
    error instanceof RefusedError
      ? t(`enrol.refused.${error.code}`)
      : describeStorageError(error, t);
}

/** The facts the enrolment rules see, built exactly as the save builds them. */
export function usePreviewFacts(journey: Journey) {
  const validityDays = useScreeningValidityDays();
  return enrolmentFacts({
    participant: journey.participant,
    referrals: journey.referral ? [journey.referral] : [],
    screenings: journey.screenings,
    enrolments: journey.enrolments,
    validityDays,
    today: todayInRiga(),
  });
}
