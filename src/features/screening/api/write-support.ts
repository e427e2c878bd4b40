/**
 * What every write of referral → screening → enrolment shares: who is acting,
 * the refusal a rule gives, and what to refresh afterwards. The writes
 * themselves live by flow: referral-mutations, screening-mutations,
 * enrolment-mutations and screening-settings-mutations.
 */
import { useQueryClient } from '@tanstack/react-query';
import type { AppServices } from '../../../services/services';
import type { Blocker } from '../../../domain/enrolment';
import { followUpQueries } from '../../../entities/follow-ups/queries';
import { participantQueries } from '../../../entities/participants/queries';
import { cohortQueries } from '../../../entities/cohorts/queries';
import { screeningQueries } from '../../../entities/screenings/keys';

/** A rule refused the write; `code` names which, for the message shown. */
export class RefusedError extends Error {
  constructor(readonly code: Blocker | 'override-reason-needed' | 'invalid' | 'not-found') {
    super(code);
    this.name = 'RefusedError';
  }
}

export function actorOf(services: AppServices): string {
  const staffId = services.vault.session?.staffId;
  if (!staffId) throw new Error('locked');
  return staffId;
}

export function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: screeningQueries.all }),
      queryClient.invalidateQueries({ queryKey: participantQueries.all }),
      queryClient.invalidateQueries({ queryKey: cohortQueries.all }),
      queryClient.invalidateQueries({ queryKey: followUpQueries.all }),
    ]);
}
