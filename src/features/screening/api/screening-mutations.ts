/**
 * Write side of a screening: the half-finished form is kept sealed, and
 * completing it writes what `completeScreening` (src/domain) builds, checked
 * again here on the same input against freshly read staff.
 */
import { useMutation } from '@tanstack/react-query';
import { useServices } from '../../../services/services';
import { screeningDraftId } from '../../../crypto/record-ids';
import { todayInRiga } from '../../../domain/calendar-date';
import type { Screening } from '../../../domain/screening';
import { completeScreening, type ScreeningInput } from '../../../domain/screening-complete';
import type { ScreeningDraft } from '../../../domain/screening-form';
import type { ScreeningTemplateContent } from '../../../domain/screening-template';
import { actorOf, RefusedError, useInvalidate } from './write-support';

/** Keeps the half-finished screening form, sealed, so a lock or reload loses nothing. */
export function useSaveScreeningDraftMutation(participantId: string) {
  const { repos, vault } = useServices();
  return useMutation({
    mutationFn: async (value: ScreeningDraft) =>
      repos.drafts.put({
        id: await screeningDraftId(vault, participantId),
        value,
        savedAt: new Date().toISOString(),
      }),
  });
}

export interface CompleteScreeningInput {
  template: ScreeningTemplateContent;
  input: ScreeningInput;
}

export function useCompleteScreeningMutation() {
  const services = useServices();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ template, input }: CompleteScreeningInput): Promise<Screening> => {
      const { participantId } = input;
      if (!(await services.repos.participants.get(participantId)))
        throw new RefusedError('not-found');
      const staffId = actorOf(services);
      const staff = await services.repos.staff.list();
      const activeStaffIds = staff.items.filter((m) => m.active).map((m) => m.id);
      // The same rule as the page, on the same input: it cannot propose one thing and save another.
      const { completed } = completeScreening(
        template,
        input,
        { staffId, activeStaffIds },
        todayInRiga(),
      );
      if (!completed) throw new RefusedError('invalid');
      const { screening, audit, followUps, pathway } = completed;
      await services.stores.enrolment.completeScreening(
        screening,
        await screeningDraftId(services.vault, participantId),
        audit,
        { followUps, ...(pathway ? { pathway } : {}) },
      );
      return screening;
    },
    onSuccess: invalidate,
  });
}
