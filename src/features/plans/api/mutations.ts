import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useServices, useVaultSession } from '../../../services/services';
import { ORGANISATION_ID } from '../../../db/keyring-store';
import type { Organisation } from '../../../domain/organisation';
import type { Plan } from '../../../domain/plan';
import { organisationQueries } from '../../../entities/organisation/queries';
import { planQueries } from './queries';

/** Saves the whole plan (validated and sealed by the repository). */
export function useSavePlanMutation() {
  const { repos } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (plan: Plan) => repos.plans.put({ ...plan, updatedAt: new Date().toISOString() }),
    onSuccess: (plan) =>
      queryClient.setQueryData(planQueries.participantKey(plan.participantId), plan),
  });
}

/** "Remove my plan from this device": a real delete, leaving only an audit marker. */
export function useRemovePlanMutation() {
  const { stores } = useServices();
  const session = useVaultSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (participantId: string) => {
      if (!session) throw new Error('locked');
      await stores.plan.remove(participantId, session.staffId);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: planQueries.all }),
  });
}

/** The organisation's own support contacts and which default helplines plans print. */
export function useSaveSupportContactsMutation() {
  const { repos } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: Pick<Organisation, 'supportContacts' | 'helplines'>) => {
      const organisation = await repos.organisation.get(ORGANISATION_ID);
      if (!organisation) throw new Error('no organisation');
      return repos.organisation.put({ ...organisation, ...input });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationQueries.all }),
  });
}
