import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Link } from '../../../ui/link';
import { Notice } from '../../../ui/notice';
import { Loading, Page } from '../../../ui/page';
import { useIsCoordinator } from '../../../entities/staff/queries';
import { useDuplicateProgrammeMutation } from '../api/mutations';
import { useProgrammeLibrary, type ProgrammeEntry } from '../../../entities/programmes/queries';
import { languageNames, isUiLanguage } from '../../../i18n/languages';

export function ProgrammeList() {
  const { t } = useTranslation('programmes');
  const library = useProgrammeLibrary();
  const shipped = library.data?.entries.filter((e) => e.shipped) ?? [];
  const custom = library.data?.entries.filter((e) => !e.shipped) ?? [];
  return (
    <Page title={t('library.title')}>
      <p className="lede">{t('library.intro')}</p>
      {library.isPending ? <Loading /> : null}
      {library.data?.damaged ? (
        <Notice
          tone="warning"
          title={t('common:errors.damagedSome', { count: library.data.damaged })}
        />
      ) : null}
      <h2>{t('library.shipped')}</h2>
      <ul className="card-list">
        {shipped.map((entry) => (
          <ProgrammeCard key={entry.programme.id} entry={entry} />
        ))}
      </ul>
      <h2>{t('library.custom')}</h2>
      {custom.length === 0 && library.data ? (
        <p className="muted">{t('library.noCustom')}</p>
      ) : null}
      <ul className="card-list">
        {custom.map((entry) => (
          <ProgrammeCard key={entry.programme.id} entry={entry} />
        ))}
      </ul>
    </Page>
  );
}

function ProgrammeCard({ entry }: { entry: ProgrammeEntry }) {
  const { t } = useTranslation('programmes');
  const { programme, shipped, language } = entry;
  const isCoordinator = useIsCoordinator();
  const duplicate = useDuplicateProgrammeMutation();
  const navigate = useNavigate();
  const headingId = `programme-${programme.id}`;

  async function makeCopy() {
    const copy = await duplicate.mutateAsync({
      source: programme,
      language,
      title: t('copyTitle', { title: programme.title }),
    });
    await navigate(`/programmes/${copy.id}/edit`);
  }

  return (
    <li className="card" aria-labelledby={headingId}>
      <h3 id={headingId} lang={language}>
        <Link to={`/programmes/${programme.id}`}>{programme.title}</Link>
      </h3>
      <p lang={language}>{programme.summary}</p>
      <p className="meta">
        <span className="badge">
          {t(`format.${programme.format}`, { count: programme.meetings.length })}
        </span>
        <span className="badge">{t('minutesEach', { count: programme.meetingMinutes })}</span>
        {shipped ? (
          <span className="badge badge-quiet">{t('readOnly')}</span>
        ) : (
          <span className="badge badge-own">
            {t('ownCopy')} · {isUiLanguage(language) ? languageNames[language] : language}
          </span>
        )}
      </p>
      <div className="button-row">
        <Link className="btn" to={`/programmes/${programme.id}`}>
          {t('open')}
        </Link>
        {isCoordinator ? (
          <button
            type="button"
            className="btn"
            disabled={duplicate.isPending}
            onClick={() => void makeCopy()}
          >
            {t('duplicate')}
          </button>
        ) : null}
        {isCoordinator && !shipped ? (
          <Link className="btn" to={`/programmes/${programme.id}/edit`}>
            {t('edit')}
          </Link>
        ) : null}
      </div>
      {duplicate.isError ? (
        <Notice tone="error" live title={t('common:errors.saveFailed')} />
      ) : null}
    </li>
  );
}
