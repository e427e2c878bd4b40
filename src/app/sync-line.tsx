import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../ui/link';
import { formatMomentDate, formatTime } from '../i18n/format';
import { useLanguage } from '../i18n/i18n';
import { useSyncStatus } from '../services/services';
import type { SyncStatus } from '../sync/types';

type Tone = 'ok' | 'busy' | 'offline' | 'attention';

/** The state the header shows: records refused and not yet looked at need attention too. */
function shownState(status: SyncStatus): SyncStatus['state'] {
  if (status.unseenRefusals && (status.state === 'synced' || status.state === 'syncing'))
    return 'attention';
  return status.state;
}

/** What the line says, its sign and its colour. */
function describe(status: SyncStatus, t: TFunction, lng: string) {
  const waiting = status.waiting > 0 ? t('sync.line.waiting', { count: status.waiting }) : '';
  switch (shownState(status)) {
    case 'attention':
      return { tone: 'attention' as Tone, glyph: '!', text: t('sync.line.attention') };
    case 'offline':
      return {
        tone: 'offline' as Tone,
        glyph: '⌁',
        // How many: a meeting's marks made offline are seen to be kept.
        text: waiting ? t('sync.line.offlineWaiting', { waiting }) : t('sync.line.offline'),
      };
    case 'syncing':
      return {
        tone: 'busy' as Tone,
        glyph: '↻',
        text: waiting || t('sync.line.syncing'),
      };
    default: {
      if (status.waiting > 0) return { tone: 'busy' as Tone, glyph: '↻', text: waiting };
      const at = status.lastSyncAt;
      // Today a clock time says enough; an older sync names its day.
      const when =
        at === undefined
          ? ''
          : new Date(at).toDateString() === new Date().toDateString()
            ? formatTime(at, lng)
            : formatMomentDate(at, lng);
      return {
        tone: 'ok' as Tone,
        glyph: '✓',
        text: when ? t('sync.line.synced', { time: when }) : t('sync.line.syncedNow'),
      };
    }
  }
}

/**
 * The header's sync line: a link to Settings → Sync that says, in a few
 * words, whether this device's changes are on the server. Shown only on a
 * connected device, at the end of the sections row: the top row is full on a
 * wide screen, and on a phone has no room beside Menu, Quick exit and Lock
 * ("Быстрый выход", "Заблокировать"), so there the line opens with the menu
 * and the menu button wears a sign when something is wrong (`SyncBadge`).
 */
export function SyncLine() {
  const { t } = useTranslation();
  const lng = useLanguage();
  const status = useSyncStatus();
  if (!status.connected || status.state === 'off') return null;
  const line = describe(status, t, lng);
  return (
    <Link to="/settings/sync" className="sync-line" data-tone={line.tone}>
      <span aria-hidden="true" className="sync-glyph">
        {line.glyph}
      </span>
      <span className="visually-hidden">{`${t('sync.line.label')}:`}</span> {line.text}
    </Link>
  );
}

/**
 * Screen readers hear sync change only when it stops working or works again —
 * not at every pass or changed count, which would chatter through a whole
 * meeting. One live region, shown whether or not the phone's menu is open.
 */
export function SyncAnnouncer() {
  const { t } = useTranslation();
  const status = useSyncStatus();
  const state = shownState(status);
  const trouble = state === 'offline' || state === 'attention' ? state : 'ok';
  const [announced, setAnnounced] = useState({ trouble, key: '' });
  if (announced.trouble !== trouble)
    setAnnounced({ trouble, key: trouble === 'ok' ? 'sync.line.resumed' : `sync.line.${trouble}` });
  if (!status.connected) return null;
  return (
    <span role="status" className="visually-hidden">
      {announced.key ? t(announced.key) : ''}
    </span>
  );
}

/**
 * On a phone the line opens with the menu; the menu button wears this sign
 * when sync is offline or needs attention (the stylesheet shows it there
 * only). The line inside the menu, and the live region, say it in words.
 */
export function SyncBadge() {
  const status = useSyncStatus();
  const state = shownState(status);
  if (!status.connected || (state !== 'offline' && state !== 'attention')) return null;
  return (
    <span aria-hidden="true" className="sync-badge" data-tone={state}>
      {state === 'attention' ? '!' : '⌁'}
    </span>
  );
}
