import { queryOptions, useQuery } from '@tanstack/react-query';
import { useServices, type AppServices } from '../../services/services';

// Local data: the client default staleTime (Infinity) holds; the referral
// and enrolment mutations invalidate `participantQueries.all`.
/** By pseudonym code, as the list shows them (one collator: the same order as `localeCompare`). */
const byCode = (() => {
  const collator = new Intl.Collator();
  return (a: { code: string }, b: { code: string }) => collator.compare(a.code, b.code);
})();

// Local data: the client default staleTime (Infinity) holds; the referral
// and enrolment mutations invalidate `participantQueries.all`.
export const participantQueries = {
  all: ['participants'] as const,
  list: ({ repos }: AppServices) =>
    queryOptions({
      queryKey: [...participantQueries.all, 'list'],
      queryFn: async () => {
        const [participants, cohorts] = await Promise.all([
          repos.participants.list(),
          repos.cohorts.list(),
        ]);
        const cohortOf = new Map<string, { id: string; name: string }>();
        for (const cohort of cohorts.items)
          for (const id of cohort.participantIds) cohortOf.set(id, cohort);
        const sorted = participants.items.sort(byCode);
        // The next visit's head start (`first`); only an optimisation, so a failure is no error.
        await repos.participantOrder
          .save(sorted.map((p) => [p.id, cohortOf.get(p.id)?.id ?? null]))
          .catch(() => undefined);
        return {
          rows: sorted.map((participant) => ({
            participant,
            cohortName: cohortOf.get(participant.id)?.name,
          })),
          damaged: participants.damaged.length,
        };
      },
    }),
  /**
   * The list's first `count` rows as it last stood (db/participant-order.ts),
   * each read fresh by id, and how many participants there are: shown while
   * `list` unseals everyone (issue #18). Null when no order is kept yet.
   */
  first: ({ repos }: AppServices, count: number) =>
    queryOptions({
      queryKey: [...participantQueries.all, 'first', count],
      queryFn: async () => {
        const order = (await repos.participantOrder.read())?.slice(0, count);
        if (!order) return null;
        const groupOf = new Map(order);
        const [total, participants, cohorts] = await Promise.all([
          repos.participantOrder.count(),
          repos.participants.getMany(order.map(([id]) => id)),
          repos.cohorts.getMany([
            ...new Set(order.flatMap(([, cohortId]) => (cohortId ? [cohortId] : []))),
          ]),
        ]);
        const cohortById = new Map(cohorts.items.map((c) => [c.id, c]));
        return {
          rows: participants.items.sort(byCode).map((participant) => {
            const cohort = cohortById.get(groupOf.get(participant.id) ?? '');
            // Moved to another group since: no name rather than a wrong one, until the full read.
            return {
              participant,
              cohortName: cohort?.participantIds.includes(participant.id) ? cohort.name : undefined,
            };
          }),
          total,
        };
      },
    }),
  /** One participant, for the staff view of their plan (the kiosk never shows it). */
  detail: ({ repos }: AppServices, participantId: string) =>
    queryOptions({
      queryKey: [...participantQueries.all, 'detail', participantId],
      queryFn: () => repos.participants.get(participantId).then((p) => p ?? null),
    }),
};

/** Everyone, sorted by code. `enabled: false` holds the read back (a head start on screen first). */
export function useParticipants(enabled = true) {
  return useQuery({ ...participantQueries.list(useServices()), enabled });
}

/** The list's first `count` rows as it last stood, or null (see `participantQueries.first`). */
export function useFirstParticipants(count: number) {
  return useQuery(participantQueries.first(useServices(), count));
}

export function useParticipant(participantId: string) {
  return useQuery(participantQueries.detail(useServices(), participantId));
}
