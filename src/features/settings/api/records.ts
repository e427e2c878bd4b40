/** Retention and erasure: the organisation's policy and the deletions it leads to. */
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

/** After an erasure every cached list may hold the person: drop it all and read again. */
function useForgetEverything() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'device' });
}

export function useEraseCohortMutation() {
  const { stores, vault } = useServices();
  const forget = useForgetEverything();
  return useMutation({
    mutationFn: (cohortId: string) =>
      stores.erasure.eraseCohort(cohortId, vault.session?.staffId ?? ''),
    onSuccess: forget,
  });
}

export function useEraseParticipantMutation() {
  const { stores, vault } = useServices();
  const forget = useForgetEverything();
  return useMutation({
    mutationFn: (participantId: string) =>
      stores.erasure.erase(participantId, vault.session?.staffId ?? ''),
    onSuccess: forget,
  });
}
