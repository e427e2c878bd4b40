import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useServices } from '../../../services/services';
import { ORGANISATION_ID } from '../../../db/keyring-store';
import type { ConcernType } from '../../../domain/concern';
import { organisationQueries } from '../../../entities/organisation/queries';

/** The organisation's own concern checklists and absence threshold (sealed in its settings row). */
export function useSaveMeetingSettingsMutation() {
  const { repos } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: {
      concernChecklists?: Partial<Record<ConcernType, string>>;
      absenceThreshold?: number;
    }) => {
      const organisation = await repos.organisation.get(ORGANISATION_ID);
      if (!organisation) throw new Error('no organisation');
      return repos.organisation.put({
        ...organisation,
        ...(input.concernChecklists
          ? { concernChecklists: { ...organisation.concernChecklists, ...input.concernChecklists } }
          : {}),
        ...(input.absenceThreshold ? { absenceThreshold: input.absenceThreshold } : {}),
      });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationQueries.all }),
  });
}
