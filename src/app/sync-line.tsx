import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatMomentDate, formatTime } from '../i18n/format';
import { useLanguage } from '../i18n/i18n';
import { useSyncStatus } from '../services/services';
import type { SyncStatus } from '../sync/types';

type Tone = 'ok' | 'busy' | 'offline' | 'attention';

/** What the line says in full, what a phone shows of it, and its colour. */
function describe(status: SyncStatus, t: TFunction, lng: string) {
  const waiting = status.waiting > 0 ? t('sync.line.waiting', { count: status.waiting }) : '';
  switch (status.state) {
    case 'attention':
      return { tone: 'attention' as Tone, glyph: '!', text: t('sync.line.attention'), short: '' };
    case 'offline':
      return {
        tone: 'offline' as Tone,
        glyph: '⌁',
        text: t('sync.line.offline'),
        short: status.waiting > 0 ? String(status.waiting) : '',
      };
    case 'syncing':
      return {
        tone: 'busy' as Tone,
        glyph: '↻',
        text: waiting || t('sync.line.syncing'),
        short: status.waiting > 0 ? String(status.waiting) : '',
      };
    default: {
      if (status.waiting > 0)
        return { tone: 'busy' as Tone, glyph: '↻', text: waiting, short: String(status.waiting) };
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
        short: at !== undefined && when.length <= 5 ? when : '',
      };
    }
  }
}

/**
 * The header's sync line: a link to Settings → Sync that says, in a few
 * words, whether this device's changes are on the server. Shown only on a
 * connected device. It sits at the end of the sections row on a wide screen
 * (the top row is full there) and beside the menu button on a phone, where
 * that row has room; the stylesheet shows one of the two (`placement`).
 */
export function SyncLine({ placement }: { placement: 'tools' | 'menu' }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const status = useSyncStatus();
  if (!status.connected || status.state === 'off') return null;
  const line = describe(status, t, lng);
  return (
    <Link to="/settings/sync" className={`sync-line sync-line-${placement}`} data-tone={line.tone}>
      <span aria-hidden="true" className="sync-glyph">
        {line.glyph}
      </span>
      <span className="sync-text">
        <span className="visually-hidden">{`${t('sync.line.label')}:`}</span> {line.text}
      </span>
      {line.short ? (
        <span aria-hidden="true" className="sync-short">
          {line.short}
        </span>
      ) : null}
    </Link>
  );
}

/**
 * Screen readers hear sync change only when it stops working or works again —
 * not at every pass or changed count, which would chatter through a whole
 * meeting. One live region, outside both placements of the line.
 */
export function SyncAnnouncer() {
  const { t } = useTranslation();
  const status = useSyncStatus();
  const trouble = status.state === 'offline' || status.state === 'attention' ? status.state : 'ok';
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
