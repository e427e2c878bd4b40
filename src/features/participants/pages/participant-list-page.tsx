import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { Field } from '../../../ui/field';
import { Link } from '../../../ui/link';
import { Notice } from '../../../ui/notice';
import { Loading, Page } from '../../../ui/page';
import { TableRegion } from '../../../ui/table-region';
import { useIsCoordinator } from '../../../entities/staff/queries';
import { useParticipantStatuses } from '../../screening';
import { useAfterPaint } from '../../../ui/after-paint';
import { useFirstParticipants, useParticipants } from '../../../entities/participants/queries';

/**
 * How many rows show at first and per "Show more": a table of all 5,000 of a
 * large organisation took seconds to lay out on a cheap phone (issue #18).
 * The search goes through everyone, shown or not.
 */
export const PARTICIPANT_PAGE = 50;

/** Lower case without accents: "zane" finds "Žane", "ilze" finds "Ilze". */
function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/**
 * Participants by pseudonym code and chosen name, with their place in a group.
 * Coordinators also see whether each is cleared by a current safety screening,
 * open the journey page and record new referrals; facilitators never see
 * screening results here.
 */
export function ParticipantList() {
  const { t } = useTranslation();
  // The first page as the list last stood (a few rows read by id) is painted
  // before everyone is unsealed and sorted, which then replaces it (issue #18).
  const first = useFirstParticipants(PARTICIPANT_PAGE);
  const firstPainted = useAfterPaint(!!first.data);
  const participants = useParticipants(first.data === null || first.isError || firstPainted);
  const full = participants.data;
  const head = full ? undefined : (first.data ?? undefined);
  const isCoordinator = useIsCoordinator();
  // Rows first: each person's place and screening (thousands of enrolments and
  // screenings to unseal) fill in once the list is on screen (issue #18).
  const statuses = useParticipantStatuses(full !== undefined);
  // Set by "Erase this person's records" on the way back here.
  const erased = (useLocation().state as { erased?: boolean } | null)?.erased === true;
  const [search, setSearch] = useState('');
  const query = searchable(useDeferredValue(search).trim());
  const [limit, setLimit] = useState(PARTICIPANT_PAGE);
  // The first row "Show more" added: focus goes there, as the button may go.
  const focusRow = useRef<number | null>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  // A search goes through everyone: it waits for the full list.
  const rows = full?.rows ?? (query ? undefined : head?.rows);
  const index = useMemo(
    () =>
      (rows ?? []).map((row) => ({
        row,
        text: searchable(
          [row.participant.code, row.participant.chosenName, row.cohortName ?? ''].join(' '),
        ),
      })),
    [rows],
  );
  const matches = useMemo(
    () => (query ? index.filter((entry) => entry.text.includes(query)) : index),
    [index, query],
  );
  const shown = matches.slice(0, limit);
  useEffect(() => {
    if (focusRow.current === null) return;
    body.current?.rows[focusRow.current]?.querySelector<HTMLElement>('a')?.focus();
    focusRow.current = null;
  }, [limit]);
  const total = full ? full.rows.length : (head?.total ?? 0);
  // The head start shows one page; "Show more" waits for the full list.
  const matchCount = full ? matches.length : query ? 0 : total;
  return (
    <Page
      title={t('nav.participants')}
      actions={
        isCoordinator ? (
          <Link className="btn btn-primary" to="/participants/new">
            {t('screening:list.newReferral')}
          </Link>
        ) : undefined
      }
    >
      {erased ? <Notice tone="success" live title={t('settings:erase.done')} /> : null}
      {rows === undefined && (participants.isPending || first.isPending) ? <Loading /> : null}
      {full?.damaged ? (
        <Notice tone="warning" title={t('errors.damagedSome', { count: full.damaged })} />
      ) : null}
      {full && full.rows.length === 0 ? <p className="muted">{t('participants.none')}</p> : null}
      {total > 0 ? (
        <Field
          label={t('participants.find')}
          hint={t('participants.findHint')}
          type="search"
          autoComplete="off"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setLimit(PARTICIPANT_PAGE);
          }}
        />
      ) : null}
      {total > 0 && rows ? (
        <p role="status" className="muted">
          {matchCount === 0
            ? t('participants.noMatch')
            : t('participants.showing', { shown: shown.length, count: matchCount })}
        </p>
      ) : null}
      {shown.length > 0 ? (
        <TableRegion label={t('nav.participants')}>
          <table>
            <caption className="visually-hidden">{t('nav.participants')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('participants.code')}</th>
                <th scope="col">{t('participants.name')}</th>
                <th scope="col">{t('participants.cohort')}</th>
                <th scope="col">{t('screening:list.place')}</th>
                {isCoordinator ? <th scope="col">{t('screening:list.screening')}</th> : null}
                <th scope="col">{t('plans:staff.link')}</th>
              </tr>
            </thead>
            <tbody ref={body}>
              {shown.map(({ row: { participant, cohortName } }) => {
                const status = statuses.data?.get(participant.id);
                return (
                  <tr key={participant.id}>
                    <td className="code">
                      {isCoordinator ? (
                        <Link to={`/participants/${participant.id}`}>{participant.code}</Link>
                      ) : (
                        participant.code
                      )}
                    </td>
                    <td>{participant.chosenName}</td>
                    <td>{cohortName ?? '—'}</td>
                    <td>
                      {status?.place
                        ? status.place.status === 'enrolled'
                          ? t('screening:status.enrolled')
                          : t('screening:list.placeIn', {
                              status: t(`screening:status.${status.place.status}`),
                              cohort: statuses.data?.cohortName(status.place.cohortId),
                            })
                        : '—'}
                    </td>
                    {isCoordinator ? (
                      <td>
                        {status?.clearance ? t(`screening:clearance.${status.clearance}`) : '—'}
                      </td>
                    ) : null}
                    <td>
                      <Link to={`/participants/${participant.id}/plan`}>
                        {t('plans:staff.link')}
                        <span className="visually-hidden"> · {participant.code}</span>
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
      {full && shown.length < matches.length ? (
        <button
          type="button"
          className="btn"
          onClick={() => {
            focusRow.current = shown.length;
            setLimit(limit + PARTICIPANT_PAGE);
          }}
        >
          {t('participants.showMore', {
            count: Math.min(PARTICIPANT_PAGE, matches.length - shown.length),
          })}
        </button>
      ) : null}
    </Page>
  );
}
