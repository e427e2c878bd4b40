import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { Link } from '../ui/link';
import { DamagedRecordError } from '../crypto/errors';
import { NotFound } from '../ui/not-found';
import { Page } from '../ui/page';

/** Shown for any route that throws: calm words, no stack trace, a way back. */
export function RouteError() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />;
  const damaged = error instanceof DamagedRecordError;
  return (
    <Page title={damaged ? t('errors.damagedTitle') : t('errors.title')}>
      <div className="panel">
        <p>{damaged ? t('errors.damaged') : t('errors.text')}</p>
        <p>
          <Link className="btn" to="/">
            {t('errors.back')}
          </Link>
        </p>
      </div>
    </Page>
  );
}

/**
 * The last safety net, outside the router (a failure while loading texts or
 * the database). Plain words in both languages, because i18n may be the
 * thing that failed.
 */
export class RootErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(_error: unknown, _info: ErrorInfo): void {
    // Deliberately not logged: an error could carry decrypted text.
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <main className="gate">
        <div className="gate-card">
          <h1>Kaut kas nogāja greizi · Something went wrong</h1>
          <p lang="lv">Jūsu dati ir drošībā šajā ierīcē. Lūdzu, pārlādējiet lapu.</p>
          <p lang="en">Your data is safe on this device. Please reload the page.</p>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => window.location.reload()}
          >
            Pārlādēt · Reload
          </button>
        </div>
      </main>
    );
  }
}
