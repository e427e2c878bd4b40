import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, ScrollRestoration } from 'react-router';
import { useCurrentStaff, useOrganisation } from '../features/settings/api/queries';
import { useDeviceSettings } from './device-settings';
import { kioskPath, useKiosk } from './kiosk';
import { LanguageSwitch } from './language-switch';
import { useAutoLock, useLock, useLockFromOtherTabs } from './lock/use-lock';
import { QuickExitButton } from './quick-exit';

const sections = [
  { to: '/', key: 'today', end: true },
  { to: '/programmes', key: 'programmes', end: false },
  { to: '/cohorts', key: 'cohorts', end: false },
  { to: '/participants', key: 'participants', end: false },
  { to: '/reports', key: 'reports', end: false },
  { to: '/settings', key: 'settings', end: false },
] as const;

export function Layout() {
  const { t } = useTranslation();
  const lock = useLock();
  const device = useDeviceSettings();
  const organisation = useOrganisation();
  const staff = useCurrentStaff();
  useLockFromOtherTabs();
  useAutoLock(device.data?.autoLockMinutes ?? 10, lock);
  const kiosk = useKiosk();
  // Kiosk mode: no staff screen is reachable (back button, links, typed routes).
  if (kiosk.state) return <Navigate to={kioskPath(kiosk.state.participantId)} replace />;

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      {device.data?.demo ? (
        <div className="demo-banner" role="note">
          {t('demo.banner')}
        </div>
      ) : null}
      <header className="app-header">
        <div className="app-header-inner">
          <div className="brand-block">
            <span className="brand">
              <span className="brand-mark" aria-hidden="true" /> {t('appName')}
            </span>
            {organisation.data ? <span className="org-name">{organisation.data.name}</span> : null}
          </div>
          <div className="header-tools">
            {staff.data ? (
              <span className="signed-in">
                <span className="visually-hidden">{t('signedInAs')} </span>
                {staff.data.displayName}
                <span className="role"> · {t(`roles.${staff.data.role}`)}</span>
              </span>
            ) : null}
            <LanguageSwitch />
            <QuickExitButton />
            <button type="button" className="btn btn-lock" onClick={lock}>
              <span aria-hidden="true" className="lock-icon" />
              {t('lock')}
            </button>
          </div>
        </div>
        <nav className="app-nav" aria-label={t('nav.label')}>
          <ul>
            {sections.map((s) => (
              <li key={s.key}>
                <NavLink to={s.to} end={s.end}>
                  {t(`nav.${s.key}`)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
      <ScrollRestoration />
    </div>
  );
}
