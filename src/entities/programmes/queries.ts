import { queryOptions, useQuery } from '@tanstack/react-query';
import { useServices, type AppServices } from '../../services/services';
import type { Programme } from '../../domain/programme';
import {
  isShippedProgramme,
  loadShippedProgramme,
  shippedLanguages,
  shippedProgrammeIds,
} from './shipped';
import { useLanguage } from '../../i18n/i18n';

export interface ProgrammeEntry {
  programme: Programme;
  /** Shipped programmes are read-only; copies belong to the organisation. */
  shipped: boolean;
  /** The language the text is written in. */
  language: string;
}

export interface ProgrammeLibrary {
  entries: ProgrammeEntry[];
  damaged: number;
}

// Local data does not go stale on its own (the client default staleTime is
// Infinity); the programme mutations invalidate `programmeQueries.all`.
export const programmeQueries = {
  all: ['programmes'] as const,
  list: ({ repos }: AppServices, lng: string) =>
    queryOptions({
      queryKey: [...programmeQueries.all, 'list', lng],
      queryFn: async (): Promise<ProgrammeLibrary> => {
        const shipped = await Promise.all(
          shippedProgrammeIds.map((id) => loadShippedProgramme(id, lng)),
        );
        const custom = await repos.programmes.list();
        return {
          entries: [
            ...shipped.flatMap((p) => (p ? [{ programme: p, shipped: true, language: lng }] : [])),
            ...custom.items
              .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
              .map((p) => ({ programme: p, shipped: false, language: p.language })),
          ],
          damaged: custom.damaged.length,
        };
      },
    }),
  /**
   * A programme in the first of `languages` it is written in (a shipped one
   * has a file per language; an organisation's copy has one language): for
   * meeting mode, the group's working language first.
   */
  inLanguage: (services: AppServices, id: string, languages: readonly string[]) =>
    queryOptions({
      queryKey: [...programmeQueries.all, 'in-language', id, ...languages],
      queryFn: async (): Promise<ProgrammeEntry | null> => {
        if (isShippedProgramme(id)) {
          const available = shippedLanguages(id);
          const lng = languages.find((l) => available.includes(l)) ?? available[0];
          const programme = lng ? await loadShippedProgramme(id, lng) : undefined;
          return programme && lng ? { programme, shipped: true, language: lng } : null;
        }
        const programme = await services.repos.programmes.get(id);
        return programme ? { programme, shipped: false, language: programme.language } : null;
      },
    }),
  detail: ({ repos }: AppServices, id: string, lng: string) =>
    queryOptions({
      queryKey: [...programmeQueries.all, 'detail', id, lng],
      queryFn: async (): Promise<ProgrammeEntry | null> => {
        if (isShippedProgramme(id)) {
          const programme = await loadShippedProgramme(id, lng);
          return programme ? { programme, shipped: true, language: lng } : null;
        }
        const programme = await repos.programmes.get(id);
        return programme ? { programme, shipped: false, language: programme.language } : null;
      },
    }),
};

export function useProgrammeLibrary() {
  return useQuery(programmeQueries.list(useServices(), useLanguage()));
}

export function useProgramme(id: string) {
  return useQuery(programmeQueries.detail(useServices(), id, useLanguage()));
}

/** The programme in the first language of `languages` it has (see `programmeQueries.inLanguage`). */
export function useProgrammeIn(id: string, languages: readonly string[]) {
  return useQuery(programmeQueries.inLanguage(useServices(), id, languages));
}
