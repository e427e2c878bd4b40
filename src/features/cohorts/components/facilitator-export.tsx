import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../../app/services';
import { Notice } from '../../../ui/notice';
import { cohortQueries } from '../api/queries';
import { buildIcs, type CalendarEvent } from '../calendar/ics';

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
      const events: CalendarEvent[] = summaries
        .filter(({ cohort }) => cohort.facilitatorIds.includes(facilitatorId))
        .flatMap(({ cohort, meetings }) =>
          meetings.map((m) => ({
            meetingId: m.id,
            date: m.date,
            startTime: m.startTime,
            durationMinutes: m.durationMinutes,
            summary: `${cohort.name} · ${t('common:today.meetingNumber', { number: m.number })}`,
            location: [cohort.place, cohort.room].filter(Boolean).join(', '),
            cancelled: m.status === 'cancelled',
          })),
        );
      const text = await buildIcs(t('calendar.icsName'), events);
      const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      // A generic file name: the person's name stays out of the downloads folder listing.
      link.download = 'aplis-facilitator.ics';
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
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
