import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useServices } from '../../../services/services';
import {
  customProgrammeSchema,
  isCustom,
  type CustomProgramme,
  type Programme,
} from '../../../domain/programme';
import { programmeQueries } from '../../../entities/programmes/queries';

/** A copy of any programme, in the language it is shown in, that the organisation can edit. */
export function duplicateProgramme(
  source: Programme,
  language: string,
  title: string,
): CustomProgramme {
  const now = new Date().toISOString();
  return customProgrammeSchema.parse({
    ...structuredClone(source),
    id: crypto.randomUUID(),
    kind: 'custom',
    language,
    basedOn: isCustom(source) ? source.basedOn : source.id,
    title,
    createdAt: now,
    updatedAt: now,
  });
}

export function useDuplicateProgrammeMutation() {
  const { repos } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { source: Programme; language: string; title: string }) =>
      repos.programmes.put(duplicateProgramme(input.source, input.language, input.title)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: programmeQueries.all }),
  });
}

export function useSaveProgrammeMutation() {
  const { repos } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (programme: CustomProgramme) =>
      repos.programmes.put({ ...programme, updatedAt: new Date().toISOString() }),
    onSuccess: (saved) => {
      queryClient.setQueriesData(
        { queryKey: [...programmeQueries.all, 'detail', saved.id] },
        (old: unknown) =>
          old ? { programme: saved, shipped: false, language: saved.language } : old,
      );
      return queryClient.invalidateQueries({ queryKey: [...programmeQueries.all, 'list'] });
    },
  });
}

export function useDeleteProgrammeMutation() {
  const { repos } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => repos.programmes.delete(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: programmeQueries.all }),
  });
}
