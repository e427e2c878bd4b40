/**
 * Erasure: removing a person, or a whole group past its retention period, with
 * everything recorded about them. Journey pages and Settings both erase.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useServices } from '../../services/services';

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
