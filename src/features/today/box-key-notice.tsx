import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { BOX_KEY_REPAIRED } from '../../db/box-key';
import { useServices } from '../../services/services';
import { Notice } from '../../ui/notice';

const KEY = ['meta', BOX_KEY_REPAIRED] as const;

/**
 * Tells coordinators that the key facilitators seal concerns to had been
 * swapped on this device and was put right at their unlock (db/box-key.ts):
 * a concern sent in between may be unreadable, so they should ask. Shown
 * until a coordinator says they have read it.
 */
export function BoxKeyRepairedNotice() {
  const { t } = useTranslation();
  const { meta } = useServices();
  const queryClient = useQueryClient();
  const repaired = useQuery({
    queryKey: KEY,
    queryFn: async () => (await meta.get<number | null>(BOX_KEY_REPAIRED)) ?? null,
  });
  const dismiss = useMutation({
    mutationFn: () => meta.put(BOX_KEY_REPAIRED, null),
    onSuccess: () => queryClient.setQueryData(KEY, null),
  });
  if (!repaired.data) return null;
  return (
    <Notice tone="warning" title={t('today.boxKeyRepaired')}>
      <p>{t('today.boxKeyRepairedText')}</p>
      <button type="button" className="btn" onClick={() => dismiss.mutate()}>
        {t('today.boxKeyRepairedDismiss')}
      </button>
    </Notice>
  );
}
