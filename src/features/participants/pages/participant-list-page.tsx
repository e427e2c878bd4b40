import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { Link } from '../../../ui/link';
import { Notice } from '../../../ui/notice';
import { Loading, Page } from '../../../ui/page';
import { TableRegion } from '../../../ui/table-region';
import { useIsCoordinator } from '../../../entities/staff/queries';
import { useParticipantStatuses } from '../../screening';
import { useParticipants } from '../../../entities/participants/queries';

/**
 * Participants by pseudonym code and chosen name, with their place in a group.
 * Coordinators also see whether each is cleared by a current safety screening,
 * open the journey page and record new referrals; facilitators never see
 * screening results here.
 */
export function ParticipantList() {
  const { t } = useTranslation();
  const participants = useParticipants();
  const isCoordinator = useIsCoordinator();
  const statuses = useParticipantStatuses();
  // Set by "Erase this person's records" on the way back here.
  const erased = (useLocation().state as { erased?: boolean } | null)?.erased === true;
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
      {participants.isPending ? <Loading /> : null}
      {participants.data?.damaged ? (
        <Notice
          tone="warning"
          title={t('errors.damagedSome', { count: participants.data.damaged })}
        />
      ) : null}
      {participants.data && participants.data.rows.length === 0 ? (
        <p className="muted">{t('participants.none')}</p>
      ) : null}
      {participants.data && participants.data.rows.length > 0 ? (
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
            <tbody>
              {participants.data.rows.map(({ participant, cohortName }) => {
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
    </Page>
  );
}
