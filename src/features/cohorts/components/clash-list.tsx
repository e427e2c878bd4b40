import { useTranslation } from 'react-i18next';
import type { ClashWarning } from '../../../domain/clashes';
import { closureName } from '../../../domain/closures';
import type { Staff } from '../../../domain/staff';
import { formatDate } from '../../../i18n/format';
import { useLanguage } from '../../../i18n/i18n';
import { Notice } from '../../../ui/notice';

/** Clashes are shown, never hidden: each names the other group and date. */
export function ClashList({
  clashes,
  staff,
}: {
  clashes: readonly ClashWarning[];
  staff: readonly Staff[];
}) {
  const { t } = useTranslation('cohorts');
  const lng = useLanguage();
  if (clashes.length === 0) return null;
  const name = (id?: string) => staff.find((s) => s.id === id)?.displayName ?? '';
  return (
    <Notice tone="warning" title={t('form.clashes')} live>
      <p>{t('form.clashesIntro')}</p>
      <ul>
        {clashes.map((c, i) => {
          const other = {
            cohort: c.otherCohortName ?? '',
            date: formatDate(c.otherDate ?? c.date, lng),
          };
          return (
            <li key={i}>
              {c.kind === 'facilitator'
                ? t('clash.facilitator', { name: name(c.facilitatorId), ...other })
                : c.kind === 'room'
                  ? t('clash.room', other)
                  : c.kind === 'closure'
                    ? t(c.closure?.kind === 'public-holiday' ? 'clash.holiday' : 'clash.closure', {
                        date: formatDate(c.date, lng),
                        name: c.closure ? closureName(c.closure, lng) : '',
                      })
                    : t('clash.away', {
                        name: name(c.facilitatorId),
                        date: formatDate(c.date, lng),
                      })}
            </li>
          );
        })}
      </ul>
    </Notice>
  );
}
