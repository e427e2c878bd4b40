import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, ScrollRestoration, useLocation } from 'react-router';
import { NavLink } from '../ui/link';
import { useCurrentStaff } from '../entities/staff/queries';
import { useOrganisation } from '../entities/organisation/queries';
import { useDeviceSettings } from '../session/device-settings';
import { kioskPath, useKiosk } from '../session/kiosk';
import { LanguageSwitch } from '../ui/language-switch';
import { useAutoLock, useLock, useLockFromOtherTabs } from '../session/lock';
import { QuickExitButton } from '../session/quick-exit';
import { SyncAnnouncer, SyncBadge, SyncLine } from './sync-line';

const sections = [
  { to: '/', key: 'today', end: true },
  { to: '/programmes', key: 'programmes', end: false },
  { to: '/cohorts', key: 'cohorts', end: false },
  { to: '/participants', key: 'participants', end: false },
  { to: '/reports', key: 'reports', end: false },
  { to: '/settings', key: 'settings', end: false },
] as const;

/**
 * The header's height as a CSS variable (`--app-header-height`), so anything
 * sticky on a page (meeting mode's bar) sticks *below* it and never covers
 * Quick exit or Lock.
 */
function useHeaderHeight() {
  const header = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const element = header.current;
    if (!element) return;
    const root = document.documentElement;
    const update = () =>
      root.style.setProperty('--app-header-height', `${element.getBoundingClientRect().height}px`);
    update();
    if (typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--app-header-height');
    };
  }, []);
  return header;
}

export function Layout() {
  const { t } = useTranslation();
  const lock = useLock();
  const device = useDeviceSettings();
  const organisation = useOrganisation();
  const staff = useCurrentStaff();
  const location = useLocation();
  const header = useHeaderHeight();
  // On a phone the sections sit behind a menu button; the menu is open for
  // one address only, so following a link (or Back) closes it.
  const [menuOpenAt, setMenuOpenAt] = useState<string | null>(null);
  const menuOpen = menuOpenAt === location.pathname;
  const menuButton = useRef<HTMLButtonElement>(null);
  // Escape closes the open menu and returns to its button.
  useEffect(() => {
    if (!menuOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setMenuOpenAt(null);
      menuButton.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [menuOpen]);
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
      <header className="app-header" ref={header} data-menu-open={menuOpen}>
        <div className="app-header-inner">
          <div className="brand-block">
            <span className="brand">
              <span className="brand-mark" aria-hidden="true" />{' '}
              <span className="brand-name">{t('appName')}</span>
            </span>
            {organisation.data ? <span className="org-name">{organisation.data.name}</span> : null}
          </div>
          <div id="app-menu-extras" className="menu-extras">
            {staff.data ? (
              <span className="signed-in">
                <span className="visually-hidden">{t('signedInAs')} </span>
                {staff.data.displayName}
                <span className="role"> · {t(`roles.${staff.data.role}`)}</span>
              </span>
            ) : null}
            <LanguageSwitch />
          </div>
          <div className="header-tools">
            <button
              ref={menuButton}
              type="button"
              className="btn menu-toggle"
              aria-expanded={menuOpen}
              aria-controls="app-menu app-menu-extras"
              onClick={() => setMenuOpenAt(menuOpen ? null : location.pathname)}
            >
              <span aria-hidden="true" className="menu-icon" />
              <span className="menu-label">{t('nav.menu')}</span>
              <SyncBadge />
            </button>
            <QuickExitButton />
            <button type="button" className="btn btn-lock" onClick={lock}>
              <span aria-hidden="true" className="lock-icon" />
              {t('lock')}
            </button>
          </div>
        </div>
        <div id="app-menu" className="app-menu" data-open={menuOpen}>
          <nav className="app-nav" aria-label={t('nav.label')}>
            <ul>
              {sections.map((s) => (
                <li key={s.key}>
                  <NavLink to={s.to} end={s.end} onClick={() => setMenuOpenAt(null)}>
                    {t(`nav.${s.key}`)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <SyncLine />
        </div>
        <SyncAnnouncer />
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
      <ScrollRestoration />
    </div>
  );
}
