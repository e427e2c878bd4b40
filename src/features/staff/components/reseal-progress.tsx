import { useTranslation } from 'react-i18next';
import { intlLocaleOf } from '../../../i18n/format';
import { useLanguage } from '../../../i18n/i18n';
import { useResealProgress } from '../api/queries';

/**
 * After a colleague's deactivation rotated the team key: how far this device
 * has come re-sealing older records under the new key, and when it is done.
 * Nothing before any rotation.
 */
export function ResealProgress() {
  const { t } = useTranslation('staff');
  const lng = useLanguage();
  const { generation, state } = useResealProgress();
  if (generation < 2) return null;
  const number = new Intl.NumberFormat(intlLocaleOf(lng));
  const current = state && state.gen === generation ? state : undefined;
  let text: string;
  if (current?.complete) text = t('reseal.done');
  else if (current)
    text = t('reseal.progress', {
      done: number.format(Math.min(current.done, current.total)),
      total: number.format(current.total),
    });
  else text = t('reseal.starting');
  return (
    <p className="muted" data-testid="reseal-progress">
      {text}
    </p>
  );
}
