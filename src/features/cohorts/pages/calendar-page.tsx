/**
 * Every group's meetings, as a month or as an agenda of the coming weeks,
 * filtered by facilitator and place. View, month and filters live in the URL
 * (ids, a month and a place: never a person's name).
 *
 * Rendering stays cheap with hundreds of groups: the meetings are filtered
 * and grouped by date once per change (a Map), and each day cell only looks
 * its list up.
 */
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { addDays, todayInRiga } from '../../../domain/calendar-date';
import { Notice } from '../../../ui/notice';
import { Loading, Page } from '../../../ui/page';
import { PHONE_QUERY, useMediaQuery } from '../../../ui/use-media-query';
import { useStaffList } from '../../../entities/staff/queries';
import { useCalendar } from '../api/queries';
import { AgendaList } from '../components/agenda-list';
import { CalendarFilters } from '../components/calendar-filters';
import { FacilitatorExport } from '../components/facilitator-export';
import { MonthGrid } from '../components/month-grid';
import {
  formatMonthTitle,
  formatYearMonth,
  groupByDate,
  monthWeeks,
  parseYearMonth,
  shiftMonth,
  yearMonthOf,
} from '../components/month-layout';
import { useLanguage } from '../../../i18n/i18n';

export const AGENDA_WEEKS = 8;

type View = 'month' | 'agenda';

export function CalendarPage() {
  const { t } = useTranslation('cohorts');
  const lng = useLanguage();
  const [params, setParams] = useSearchParams();
  const today = todayInRiga();

  // A month of seven columns does not fit a phone: there the list is the default.
  const phone = useMediaQuery(PHONE_QUERY);
  const asked = params.get('view');
  const view: View = asked === 'agenda' || asked === 'month' ? asked : phone ? 'agenda' : 'month';
  const current = yearMonthOf(today);
  const { year, month } = parseYearMonth(params.get('month')) ?? current;
  const facilitatorId = params.get('facilitator') ?? '';
  const place = params.get('place') ?? '';

  const update = useCallback(
    (changes: Record<string, string | undefined>) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const monthKey = formatYearMonth({ year, month });
  // 42 dates at most: cheaper to recompute than to memoise.
  const weeks = monthWeeks(year, month);
  const from = view === 'month' ? (weeks[0]?.[0] ?? today) : today;
  const to =
    view === 'month'
      ? (weeks[weeks.length - 1]?.[6] ?? today)
      : addDays(today, AGENDA_WEEKS * 7 - 1);
  const calendar = useCalendar(from, to);
  const staff = useStaffList();

  const byDate = useMemo(() => {
    const entries = (calendar.data?.entries ?? []).filter(
      ({ cohort }) =>
        (!facilitatorId || cohort.facilitatorIds.includes(facilitatorId)) &&
        (!place || cohort.place === place),
    );
    return groupByDate(entries, (e) => e.meeting.date);
  }, [calendar.data, facilitatorId, place]);

  if (calendar.isError) throw calendar.error;
  const staffItems = staff.data?.items ?? [];
  const facilitator = staffItems.find((s) => s.id === facilitatorId);
  const monthTitle = formatMonthTitle({ year, month }, lng);
  const isCurrentMonth = year === current.year && month === current.month;

  return (
    <Page title={t('calendar.title')}>
      <p className="lede">{t('calendar.intro')}</p>
      <CalendarFilters
        staff={staffItems}
        places={calendar.data?.places ?? []}
        facilitatorId={facilitatorId}
        place={place}
        onFacilitatorChange={(id) => update({ facilitator: id })}
        onPlaceChange={(p) => update({ place: p })}
      />
      {facilitator ? (
        <div className="button-row">
          <FacilitatorExport facilitatorId={facilitator.id} name={facilitator.displayName} />
        </div>
      ) : null}
      <div className="button-row" role="group" aria-label={t('calendar.view')}>
        {(['month', 'agenda'] as const).map((v) => (
          <button
            key={v}
            type="button"
            className="btn"
            aria-pressed={view === v}
            onClick={() => update({ view: v })}
          >
            {t(`calendar.${v}`)}
          </button>
        ))}
      </div>
      {calendar.data?.damaged ? (
        <Notice
          tone="warning"
          title={t('common:errors.damagedSome', { count: calendar.data.damaged })}
        />
      ) : null}

      {view === 'month' ? (
        <>
          <div className="calendar-nav">
            <h2 className="calendar-month" aria-live="polite">
              {monthTitle}
            </h2>
            <div className="button-row">
              <button
                type="button"
                className="btn"
                onClick={() => update({ month: formatYearMonth(shiftMonth({ year, month }, -1)) })}
              >
                <span aria-hidden="true">←</span> {t('calendar.previousMonth')}
              </button>
              <button
                type="button"
                className="btn"
                disabled={isCurrentMonth}
                onClick={() => update({ month: undefined })}
              >
                {t('calendar.thisMonth')}
              </button>
              <button
                type="button"
                className="btn"
                onClick={() => update({ month: formatYearMonth(shiftMonth({ year, month }, 1)) })}
              >
                {t('calendar.nextMonth')} <span aria-hidden="true">→</span>
              </button>
            </div>
          </div>
          {calendar.isPending ? (
            <Loading />
          ) : (
            <>
              {byDate.size === 0 ? <p className="muted">{t('calendar.noMeetings')}</p> : null}
              <MonthGrid
                weeks={weeks}
                byDate={byDate}
                monthPrefix={monthKey}
                today={today}
                caption={t('calendar.monthCaption', { month: monthTitle })}
              />
            </>
          )}
        </>
      ) : (
        <>
          <p className="muted">{t('calendar.agendaIntro', { count: AGENDA_WEEKS })}</p>
          {calendar.isPending ? <Loading /> : null}
          {calendar.data && byDate.size === 0 ? (
            <p className="muted">{t('calendar.noUpcoming')}</p>
          ) : null}
          <AgendaList byDate={byDate} />
        </>
      )}
    </Page>
  );
}
