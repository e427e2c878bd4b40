import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useServices } from '../../../services/services';
import type { Cohort } from '../../../domain/cohort';
import type { Meeting } from '../../../domain/meeting';
import { cohortQueries } from '../../../entities/cohorts/queries';

export function useSaveCohortMutation() {
  const { stores } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { cohort: Cohort; meetings: Meeting[] }) => {
      await stores.cohort.saveWithMeetings(input.cohort, input.meetings);
      return input.cohort;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cohortQueries.all }),
  });
}

/** The fields of a group that can change after it was created (not its schedule). */
export type CohortDetails = Pick<
  Cohort,
  | 'name'
  | 'facilitatorIds'
  | 'place'
  | 'room'
  | 'composition'
  | 'ageBand'
  | 'capacity'
  | 'language'
  | 'status'
>;

export function useUpdateCohortDetailsMutation() {
  const { repos } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { cohortId: string; details: CohortDetails }) => {
      // Re-read, so an enrolment saved meanwhile (another tab) is kept.
      const current = await repos.cohorts.get(input.cohortId);
      if (!current) throw new Error('cohort not found');
      return repos.cohorts.put({ ...current, ...input.details });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cohortQueries.all }),
  });
}
