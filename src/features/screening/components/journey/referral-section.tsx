import { useTranslation } from 'react-i18next';
import type { Participant } from '../../../../domain/participant';
import type { Referral } from '../../../../domain/referral';
import { formatDate } from '../../../../i18n/format';

/** Who referred the young person, why, and the consent given. */
export function ReferralSection({
  participant,
  referral,
  lng,
}: {
  participant: Participant;
  referral: Referral | undefined;
  lng: string;
}) {
  const { t } = useTranslation('screening');
  return (
    <section className="panel" aria-labelledby="j-referral">
      <h2 id="j-referral">{t('journey.referral')}</h2>
      {referral ? (
        <dl className="facts">
          <div>
            <dt>{t('journey.referredOn')}</dt>
            <dd>{formatDate(referral.referredOn, lng)}</dd>
          </div>
          {referral.legalName ? (
            <div>
              <dt>{t('referral.legalName')}</dt>
              <dd>{referral.legalName}</dd>
            </div>
          ) : null}
          <div>
            <dt>{referral.dateOfBirth ? t('referral.dateOfBirth') : t('referral.age')}</dt>
            <dd>
              {referral.dateOfBirth
                ? formatDate(referral.dateOfBirth, lng)
                : t('journey.ageAtReferral', { age: referral.ageAtReferral })}
            </dd>
          </div>
          <div>
            <dt>{t('referral.gender')}</dt>
            <dd>{t(`gender.${participant.gender}`)}</dd>
          </div>
          <div>
            <dt>{t('referral.languages')}</dt>
            <dd>{participant.languages.map((l) => t(`language.${l}`)).join(', ') || '—'}</dd>
          </div>
          <div>
            <dt>{t('referral.referrer')}</dt>
            <dd>
              {[
                t(`referrerRole.${referral.referrer.role}`),
                referral.referrer.organisation,
                referral.referrer.contact,
              ]
                .filter(Boolean)
                .join(' · ')}
            </dd>
          </div>
          <div>
            <dt>{t('referral.reason')}</dt>
            <dd className="pre-wrap">{referral.reason}</dd>
          </div>
          <div>
            <dt>{t('referral.consent')}</dt>
            <dd>
              {t('journey.consentYoungPerson')}
              {referral.consent.guardian ? `, ${t('journey.consentGuardian')}` : ''}
            </dd>
          </div>
        </dl>
      ) : (
        <p className="muted">{t('journey.noReferral')}</p>
      )}
    </section>
  );
}
