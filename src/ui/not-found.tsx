import { useTranslation } from 'react-i18next';
import { Link } from './link';
import { Page } from './page';

/** A page or record that is not there (or no longer): calm words and a way back. */
export function NotFound() {
  const { t } = useTranslation();
  return (
    <Page title={t('notFound.title')}>
      <div className="panel">
        <p>{t('notFound.text')}</p>
        <p>
          <Link className="btn" to="/">
            {t('errors.back')}
          </Link>
        </p>
      </div>
    </Page>
  );
}
