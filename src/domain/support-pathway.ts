/**
 * The individual-support pathway: what is agreed for a young person whom the
 * screening routed to individual support instead of a group (ECPAT practice:
 * nobody is shut out of help by the screening). Coordinators' data, sealed
 * like screenings; one row per screening that chose individual support.
 */
import { z } from 'zod/mini';

export const supportPathwaySchema = z.object({
  id: z.uuid(),
  participantId: z.uuid(),
  /** The screening that chose individual support. */
  screeningId: z.uuid(),
  /** The staff member who is the young person's key worker. */
  keyWorkerId: z.uuid(),
  agreedSupport: z.string().check(z.trim(), z.minLength(1), z.maxLength(4000)),
  /** When the pathway is reviewed with the young person (a follow-up is due then). */
  reviewOn: z.iso.date(),
  /** The first day they may be screened for a group again. */
  groupScreeningFrom: z.iso.date(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type SupportPathway = z.infer<typeof supportPathwaySchema>;

/** The newest pathway of a person (the one the journey page shows). */
export function currentPathway<T extends Pick<SupportPathway, 'createdAt'>>(
  pathways: readonly T[],
): T | undefined {
  return [...pathways].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
}

/** May the young person be screened for a group again today? */
export function mayRescreenForGroup(
  pathway: Pick<SupportPathway, 'groupScreeningFrom'>,
  today: string,
): boolean {
  return pathway.groupScreeningFrom <= today;
}
