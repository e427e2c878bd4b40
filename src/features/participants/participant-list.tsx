import { useTranslation } from 'react-i18next';
import { Notice } from '../../ui/notice';
import { Loading, Page } from '../../ui/page';
import { useParticipants } from './api/queries';

/** Participants by pseudonym code and chosen name. Referral and screening arrive with their issue. */
export function ParticipantList() {
  const { t } = useTranslation();
  const participants = useParticipants();
  return (
    <Page title={t('nav.participants')}>
      <Notice tone="info">{t('participants.soon')}</Notice>
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
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('nav.participants')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('participants.code')}</th>
                <th scope="col">{t('participants.name')}</th>
                <th scope="col">{t('participants.cohort')}</th>
              </tr>
            </thead>
            <tbody>
              {participants.data.rows.map(({ participant, cohortName }) => (
                <tr key={participant.id}>
                  <td className="code">{participant.code}</td>
                  <td>{participant.chosenName}</td>
                  <td>{cohortName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}
