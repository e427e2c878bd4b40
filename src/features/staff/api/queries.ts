import { useSyncExternalStore } from 'react';
import { useQuery } from '@tanstack/react-query';
import { GENERATION_RESEAL_KEY, type GenerationResealState } from '../../../db/row-upgrade-marker';
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

/**
 * Where the re-seal of older rows under the newest team key stands
 * (db/row-upgrade.ts `resealOlderGenerations`; null before it starts), and
 * the session's newest generation. Read again every 2 s until it is done.
 */
export function useResealProgress() {
  const { meta, vault } = useServices();
  const generation = useSyncExternalStore(
    (listener) => vault.subscribe(listener),
    () => (vault.isUnlocked ? vault.teamGeneration : 1),
  );
  const state = useQuery({
    queryKey: ['reseal-progress', generation],
    queryFn: async () => (await meta.get<GenerationResealState>(GENERATION_RESEAL_KEY)) ?? null,
    enabled: generation >= 2,
    refetchInterval: (query) => {
      const s = query.state.data;
      return s && s.gen === generation && s.complete ? false : 2000;
    },
  });
  return { generation, state: state.data };
}
