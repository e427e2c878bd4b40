import { useQuery } from '@tanstack/react-query';
import { useServices } from '../../../services/services';
import { staffQueries } from '../../../entities/staff/queries';
import { staffPassphraseQueryKey } from './mutations';

/** Which staff members can sign in on this device (have a passphrase wrap). */
export function useStaffWithPassphrase() {
  const { keyring } = useServices();
  // Local data (client default staleTime Infinity); the staff mutations invalidate staffQueries.all.
  return useQuery({
    queryKey: staffPassphraseQueryKey,
    queryFn: () => keyring.staffWithPassphrase(),
  });
}

/**
 * The coordinators' roster, verified (coordinators' sessions only): the roles
 * this screen shows and acts on. Fails with `roster-damaged` when it was
 * changed without the coordinator key. Under `staffQueries.all`, so every
 * staff mutation refreshes it.
 */
export function useRoster() {
  const { keyring } = useServices();
  return useQuery({
    queryKey: [...staffQueries.all, 'roster'],
    queryFn: () => keyring.roster(),
    retry: false,
  });
}

/**
 * Colleagues a team key rotation could not reach (no inbox a coordinator could
 * vouch for, db/keyring-generations.ts): setting their passphrase again here
 * gives them the new key.
 */
export function useStaffWithoutNewestKey() {
  const { keyring } = useServices();
  return useQuery({
    queryKey: [...staffQueries.all, 'without-newest-key'],
    queryFn: () => keyring.staffWithoutNewestKey(),
  });
}
