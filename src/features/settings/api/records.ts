/** The organisation's retention policy and alert words (erasure itself: entities/participants/erasure.ts). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useServices } from '../../../services/services';
import { ORGANISATION_ID } from '../../../db/keyring-store';
import { organisationQueries } from '../../../entities/organisation/queries';

export function useSaveRetentionMutation() {
  const { repos } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (retentionMonths: number) => {
      const organisation = await repos.organisation.get(ORGANISATION_ID);
      if (!organisation) throw new Error('no organisation');
      return repos.organisation.put({ ...organisation, retentionMonths });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationQueries.all }),
  });
}

/** The organisation's alert words for kiosk comments; `undefined` goes back to the shipped defaults. */
export function useSaveAlertWordsMutation() {
  const { repos } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (alertWords: string[] | undefined) => {
      const organisation = await repos.organisation.get(ORGANISATION_ID);
      if (!organisation) throw new Error('no organisation');
      const { alertWords: _previous, ...rest } = organisation;
      return repos.organisation.put(alertWords ? { ...rest, alertWords } : rest);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationQueries.all }),
  });
}
