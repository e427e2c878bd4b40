import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RequireRole } from '../../../session/require-role';
import { todayInRiga } from '../../../domain/calendar-date';
import { followUpStatuses, type FollowUpStatus } from '../../../domain/follow-up';
import { Notice } from '../../../ui/notice';
import { Loading, Page } from '../../../ui/page';
import { useStaffList } from '../../../entities/staff/queries';
import { countByStatus, useAbsenceRules, useFollowUps } from '../../../entities/follow-ups/queries';
import { useSharedScreen } from '../api/queries';
import { FollowUpCard } from '../follow-ups/follow-up-card';
import '../meeting.css';

/** The coordinators' follow-up list: concerns and absences, open → in progress → closed. */
export function FollowUpListPage() {
  const { t } = useTranslation('meeting');
  return (
    <RequireRole allowed="coordinator" title={t('followUps.title')}>
      <FollowUpList />
    </RequireRole>
  );
}

function FollowUpList() {
  const { t } = useTranslation('meeting');
  const list = useFollowUps();
  const data = list.data;
  const staff = useStaffList();
  const sharedScreen = useSharedScreen();
  // The absence rules run whenever the list opens (ids make this idempotent).
  const runRules = useAbsenceRules();
  const [filter, setFilter] = useState<FollowUpStatus | 'all'>('open');

  const today = todayInRiga();
  const items = (list.data?.items ?? []).filter((f) => filter === 'all' || f.status === filter);
  const counts = countByStatus(list.data?.items ?? []);
  const countOf = (status: FollowUpStatus) => counts[status];

  return (
    <Page title={t('followUps.title')}>
      <p className="lede">{t('followUps.intro')}</p>
      {runRules.isError ? <Notice tone="error" title={t('followUps.rulesFailed')} /> : null}
      {list.data?.damaged ? (
        <Notice
          tone="warning"
          title={t('common:errors.damagedSome', { count: list.data.damaged })}
        />
      ) : null}
      <div className="follow-up-filters" role="group" aria-label={t('followUps.filter')}>
        {followUpStatuses.map((status) => (
          <button
            key={status}
            type="button"
            className="btn"
            aria-pressed={filter === status}
            onClick={() => setFilter(status)}
          >
            {t(`followUps.statusCount.${status}`, { count: countOf(status) })}
          </button>
        ))}
        <button
          type="button"
          className="btn"
          aria-pressed={filter === 'all'}
          onClick={() => setFilter('all')}
        >
          {t('followUps.all')}
        </button>
      </div>
      {list.isPending ? <Loading /> : null}
      {list.data && items.length === 0 ? <p className="muted">{t('followUps.none')}</p> : null}
      {data ? (
        <ul className="card-list follow-up-list">
          {items.map((followUp) => (
            <FollowUpCard
              key={followUp.id}
              followUp={followUp}
              list={data}
              staff={staff.data?.items ?? []}
              today={today}
              sharedScreen={sharedScreen}
            />
          ))}
        </ul>
      ) : null}
    </Page>
  );
}
