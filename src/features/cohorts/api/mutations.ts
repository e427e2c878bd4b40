import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useServices } from '../../../app/services';
import type { Cohort } from '../../../domain/cohort';
import type { Meeting } from '../../../domain/meeting';
import { cohortQueries } from './queries';

export function useSaveCohortMutation() {
  const { cohortStore } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { cohort: Cohort; meetings: Meeting[] }) => {
      await cohortStore.saveWithMeetings(input.cohort, input.meetings);
      return input.cohort;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cohortQueries.all }),
  });
}
