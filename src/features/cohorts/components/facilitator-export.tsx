import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../../services/services';
import { appFileName, fileTimestamp } from '../../../domain/file-names';
import { Notice } from '../../../ui/notice';
import { cohortQueries } from '../../../entities/cohorts/queries';
import { downloadCalendar, meetingEvent } from '../calendar/download';

interface FacilitatorExportProps {
  facilitatorId: string;
  name: string;
}

/**
 * One facilitator's calendar file: every meeting of every group they lead,
 * whatever month or place is shown. Events name the group, meeting number and
 * place only — nothing about participants.
 */
export function FacilitatorExport({ facilitatorId, name }: FacilitatorExportProps) {
  const { t } = useTranslation('cohorts');
  const services = useServices();
  const queryClient = useQueryClient();
  const [failed, setFailed] = useState(false);

  async function download() {
    setFailed(false);
    try {
      const { summaries } = await queryClient.fetchQuery(cohortQueries.list(services));
      const events = summaries
        .filter(({ cohort }) => cohort.facilitatorIds.includes(facilitatorId))
        .flatMap(({ cohort, meetings }) =>
          meetings.map((m) =>
            meetingEvent(
              cohort,
              m,
              `${cohort.name} · ${t('common:today.meetingNumber', { number: m.number })}`,
            ),
          ),
        );
      // The person's name stays out of the downloads folder listing; the time tells files apart.
      await downloadCalendar(
        appFileName('facilitator', [fileTimestamp(new Date())], '.ics'),
        t('calendar.icsName'),
        events,
      );
    } catch {
      setFailed(true);
    }
  }

  return (
    <>
      <button type="button" className="btn" onClick={() => void download()}>
        {t('calendar.download', { name })}
      </button>
      {failed ? <Notice tone="error" live title={t('common:errors.saveFailed')} /> : null}
    </>
  );
}
