import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface PageProps {
  /** The page heading, also used in the document title. Never a person's name. */
  title: string;
  /** Use when the heading holds text someone typed: the tab title stays generic. */
  documentTitle?: string;
  actions?: ReactNode;
  children: ReactNode;
}

/** A page with its heading; sets a document title that names the screen, never a person. */
export function Page({ title, documentTitle, actions, children }: PageProps) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${documentTitle ?? title} · ${t('common:appName')}`;
  }, [title, documentTitle, t]);
  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page-header">
        <h1 id="page-title" tabIndex={-1}>
          {title}
        </h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('common:loading')}
    </p>
  );
}
