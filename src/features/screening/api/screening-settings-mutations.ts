/** Write side of the screening settings: how long a screening stays current, and own template copies. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useServices } from '../../../services/services';
import { ORGANISATION_ID } from '../../../db/keyring-store';
import { auditEntry } from '../../../domain/audit';
import { organisationQueries } from '../../../entities/organisation/queries';
import { adaptTemplate, type ScreeningTemplateContent } from '../../../domain/screening-template';
import { actorOf, RefusedError, useInvalidate } from './write-support';

export function useSaveValidityDaysMutation() {
  const services = useServices();
  const invalidate = useInvalidate();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (days: number) => {
      const organisation = await services.repos.organisation.get(ORGANISATION_ID);
      if (!organisation) throw new RefusedError('not-found');
      const actorId = actorOf(services);
      await services.repos.organisation.put({ ...organisation, screeningValidityDays: days });
      await services.repos.audit.put(
        auditEntry({
          actorId,
          action: 'screening-settings-changed',
          subject: { table: 'organisation', id: ORGANISATION_ID },
        }),
      );
    },
    onSuccess: async () => {
      await invalidate();
      await queryClient.invalidateQueries({ queryKey: organisationQueries.all });
    },
  });
}

/** Adapting the screening template always saves a copy with the next version. */
export function useAdaptTemplateMutation() {
  const services = useServices();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (input: {
      base: ScreeningTemplateContent;
      title: string;
      questions: ScreeningTemplateContent['questions'];
    }) => {
      const actorId = actorOf(services);
      const copies = await services.repos.screeningTemplates.list();
      const copy = adaptTemplate(
        input.base,
        {
          title: input.title.trim(),
          questions: input.questions.map((q) => ({ ...q, text: q.text.trim() })),
        },
        copies.items.filter((c) => c.language === input.base.language).map((c) => c.version),
      );
      await services.repos.screeningTemplates.put(copy);
      await services.repos.audit.put(
        auditEntry({
          actorId,
          action: 'screening-template-adapted',
          subject: { table: 'screeningTemplates', id: copy.id },
        }),
      );
      return copy;
    },
    onSuccess: invalidate,
  });
}
