import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useServices } from '../../../services/services';
import { crbaRecordId, measureRecordId } from '../../../crypto/record-ids';
import type { CrbaAssessment } from '../../../domain/reports/crba';
import { isEmptyFeedback, type Feedback } from '../../../domain/reports/feedback';
import type { MeasureResponse } from '../../../domain/reports/measure';
import { reportQueries } from './queries';

/** Stores one anonymous feedback form; an empty form is not stored. */
export function useSaveFeedbackMutation() {
  const { repos } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (feedback: Feedback) => {
      if (isEmptyFeedback(feedback)) return false;
      await repos.feedback.put(feedback);
      return true;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reportQueries.all }),
  });
}

export function useSaveCrbaMutation() {
  const { repos } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (assessment: CrbaAssessment) =>
      repos.crbaAssessments.put({ ...assessment, id: crbaRecordId(assessment.cohortId) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reportQueries.all }),
  });
}

/** Stores one person's before or after answers (replacing an earlier entry of the same phase). */
export function useSaveMeasureMutation() {
  const { repos, vault } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (response: MeasureResponse) =>
      repos.measureResponses.put({
        ...response,
        id: await measureRecordId(vault, response.cohortId, response.participantId, response.phase),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reportQueries.all }),
  });
}
