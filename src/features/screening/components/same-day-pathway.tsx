import { useTranslation } from 'react-i18next';
import { Link } from '../../../ui/link';
import type { Organisation } from '../../../domain/organisation';
import { Notice } from '../../../ui/notice';

const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

/**
 * What to do today when a young person has thoughts of suicide or harms
 * themselves now: shown the moment the answer is given, before anything else
 * in the form. Who to call comes from the organisation's own contacts.
 */
export function SameDayPathway({ contacts }: { contacts: Organisation['supportContacts'] }) {
  const { t } = useTranslation('screening');
  return (
    <Notice tone="error" live title={t('sameDay.title')}>
      <ol className="same-day-steps">
        <li>{t('sameDay.stay')}</li>
        <li>
          {t('sameDay.danger')} <a href={telHref('112')}>112</a>
        </li>
        <li>
          {t('sameDay.tell')}
          {contacts.length > 0 ? (
            <ul>
              {contacts.map((c) => (
                <li key={`${c.label}-${c.phone}`}>
                  {c.label}: <a href={telHref(c.phone)}>{c.phone}</a>
                </li>
              ))}
            </ul>
          ) : (
            <>
              {' '}
              <Link to="/settings">{t('sameDay.noContacts')}</Link>
            </>
          )}
        </li>
        <li>
          {t('sameDay.helpline')} <a href={telHref('116111')}>116 111</a>
        </li>
        <li>{t('sameDay.record')}</li>
      </ol>
    </Notice>
  );
}
