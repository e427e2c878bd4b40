/**
 * One line on whether the audit log is intact, or where it first breaks
 * (the date and action of that entry, never who or about whom).
 * Coordinators only: nobody else can open the log to check it.
 */
import { useTranslation } from 'react-i18next';
import type { AuditBreak, NamedEntry } from '../../../domain/audit-chain';
import { formatDate } from '../../../i18n/format';
import { Notice } from '../../../ui/notice';
import { useAuditIntegrity } from '../api/queries';

export function AuditIntegrity() {
  const { t, i18n } = useTranslation('screening');
  const lng = i18n.resolvedLanguage ?? 'lv';
  const check = useAuditIntegrity();

  if (check.isPending) return <p className="muted">{t('audit.integrity.checking')}</p>;
  if (check.isError) return <Notice tone="warning" title={t('audit.integrity.failed')} />;
  const verdict = check.data;
  if (verdict.intact) {
    return (
      <Notice tone="success" title={t('audit.integrity.intact')}>
        {verdict.redacted > 0 ? (
          <p>{t('audit.integrity.redacted', { count: verdict.redacted })}</p>
        ) : null}
        {verdict.unchained > 0 ? (
          <p>{t('audit.integrity.unchained', { count: verdict.unchained })}</p>
        ) : null}
      </Notice>
    );
  }

  const describe = (entry: NamedEntry) => ({
    date: `${formatDate(entry.at, lng)} ${new Intl.DateTimeFormat(lng, {
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(entry.at))}`,
    action: t(`auditAction.${entry.action}`, { defaultValue: entry.action }),
  });
  const where = (b: AuditBreak): string => {
    switch (b.kind) {
      case 'missing':
        return b.after
          ? t('audit.integrity.missing', describe(b.after))
          : t('audit.integrity.missingFirst');
      case 'unreadable':
        return b.after
          ? t('audit.integrity.unreadable', describe(b.after))
          : t('audit.integrity.unreadableAlone');
      case 'changed':
        return t('audit.integrity.changed', describe(b.entry));
      case 'outside':
        return t('audit.integrity.outside', describe(b.entry));
    }
  };
  return (
    <Notice tone="error" title={t('audit.integrity.broken')}>
      <p>{where(verdict.first)}</p>
      <p>{t('audit.integrity.brokenNext')}</p>
    </Notice>
  );
}
