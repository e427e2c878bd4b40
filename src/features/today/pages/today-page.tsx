import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayInRiga } from '../../../domain/calendar-date';
import { formatLongDate } from '../../../i18n/format';
import { Loading, Page } from '../../../ui/page';
import { useUpcomingMeetings } from '../../../entities/cohorts/queries';
import { useProgrammeLibrary } from '../../../entities/programmes/queries';
import { useLanguage } from '../../../i18n/i18n';
import { Link } from '../../../ui/link';
import { useFollowUpCounts } from '../../../entities/follow-ups/queries';
import { useIsCoordinator } from '../../../entities/staff/queries';
import { UpcomingMeetingCard } from '../upcoming-meeting-card';
import { BoxKeyRepairedNotice } from '../box-key-notice';
import { useAfterPaint } from '../../../ui/after-paint';

/** The week's meetings shown before "Show all": a big organisation has hundreds. */
export const WEEK_FIRST = 24;

/** Where a facilitator starts: today's meetings and the week ahead. */
export function TodayPage() {
  const { t } = useTranslation();
  const lng = useLanguage();
  const upcoming = useUpcomingMeetings(7);
  const library = useProgrammeLibrary();
  const today = todayInRiga();
  const isCoordinator = useIsCoordinator();
  // Today's meetings first, the week's (≈ 400 cards in a big organisation) one
  // painted frame later; then the follow-ups (every one unsealed for the count)
  // and the absence rules' check (issue #18: each held the first frame).
  const cardsPainted = useAfterPaint(upcoming.isSuccess || upcoming.isError);
  const weekPainted = useAfterPaint(cardsPainted);
  const followUps = useFollowUpCounts(isCoordinator && weekPainted);
  const topicOf = (programmeId: string, planId: string) =>
    library.data?.entries
      .find((e) => e.programme.id === programmeId)
      ?.programme.meetings.find((m) => m.id === planId)?.topic;

  const todays = upcoming.data?.filter((u) => u.meeting.date === today) ?? [];
  const later = upcoming.data?.filter((u) => u.meeting.date > today) ?? [];
  const [wholeWeek, setWholeWeek] = useState(false);
  const laterShown = wholeWeek ? later : later.slice(0, WEEK_FIRST);
  // "Show all" goes away once pressed: focus moves to the first meeting it added.
  const weekList = useRef<HTMLUListElement>(null);
  const focusAdded = useRef(false);
  useEffect(() => {
    if (!wholeWeek || !focusAdded.current) return;
    focusAdded.current = false;
    weekList.current?.children[WEEK_FIRST]?.querySelector<HTMLElement>('a')?.focus();
  }, [wholeWeek]);
  const card = ({ meeting, cohort }: (typeof todays)[number]) => (
    <UpcomingMeetingCard
      key={meeting.id}
      meeting={meeting}
      cohort={cohort}
      topic={topicOf(cohort.programmeId, meeting.planId)}
      t={t}
      lng={lng}
    />
  );

  return (
    <Page title={t('nav.today')}>
      <p className="lede">{formatLongDate(today, lng)}</p>
      {upcoming.isPending ? <Loading /> : null}
      {isCoordinator ? <BoxKeyRepairedNotice /> : null}
      {isCoordinator ? (
        <p className="today-follow-ups">
          <Link className="btn" to="/follow-ups">
            {followUps
              ? t('meeting:followUps.todayLink', {
                  count: followUps.open + followUps['in-progress'],
                })
              : t('meeting:followUps.title')}
          </Link>
          {followUps?.overdue ? (
            <span className="badge badge-caution">
              {t('meeting:followUps.todayOverdue', { count: followUps.overdue })}
            </span>
          ) : null}
        </p>
      ) : null}
      <h2>{t('today.today')}</h2>
      {todays.length === 0 && upcoming.data ? <p className="muted">{t('today.none')}</p> : null}
      <ul className="card-list">{todays.map(card)}</ul>
      <h2>{t('today.week')}</h2>
      {later.length === 0 && upcoming.data ? <p className="muted">{t('today.noneWeek')}</p> : null}
      <ul className="card-list" ref={weekList}>
        {cardsPainted ? laterShown.map(card) : null}
      </ul>
      {cardsPainted && laterShown.length < later.length ? (
        <button
          type="button"
          className="btn"
          onClick={() => {
            focusAdded.current = true;
            setWholeWeek(true);
          }}
        >
          {t('today.showAllWeek', { count: later.length })}
        </button>
      ) : null}
    </Page>
  );
}
