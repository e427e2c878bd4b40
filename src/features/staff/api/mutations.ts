import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useServices } from '../../../services/services';
import type { Staff, StaffRole } from '../../../domain/staff';
import { staffQueries } from '../../../entities/staff/queries';

export const staffPassphraseQueryKey = [...staffQueries.all, 'with-passphrase'] as const;

/** Saves a staff row as it is (away periods). Roles change only through the roster: useSetRoleMutation. */
export function useSaveStaffMutation() {
  const { repos } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (staff: Staff) => repos.staff.put(staff),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffQueries.all }),
  });
}

/**
 * Adds a colleague with their role: staff row and the coordinators' roster in
 * one step (db/keyring-roster.ts), so a coordinator added here is one the
 * roster vouches for.
 */
export function useAddStaffMutation() {
  const { keyring } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (staff: Staff) => keyring.addStaff(staff),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffQueries.all }),
  });
}

/** Makes a colleague a coordinator or a facilitator: roster and staff row together. */
export function useSetRoleMutation() {
  const { keyring } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { staffId: string; role: StaffRole }) =>
      keyring.setRole(input.staffId, input.role),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffQueries.all }),
  });
}

/** The colleague types their own passphrase on this device: a new wrap of the data key for them. */
export function useSetStaffPassphraseMutation() {
  const { keyring } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { staffId: string; passphrase: string }) =>
      keyring.setPassphrase(input.staffId, input.passphrase),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffQueries.all }),
  });
}

/**
 * Deactivating keeps the person's name on past meetings but removes their
 * passphrase from this device. The record is saved first, so a failure between
 * the two steps leaves someone marked inactive rather than a working passphrase
 * for someone shown as gone.
 */
export function useDeactivateStaffMutation() {
  const { repos, keyring } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    // A coordinator's deactivation replaces the recovery code: the new one is returned, to show once.
    mutationFn: async (staff: Staff): Promise<{ recoveryCode?: string }> => {
      await repos.staff.put({ ...staff, active: false });
      const { recoveryCode } = await keyring.deactivateStaff(staff.id);
      return recoveryCode ? { recoveryCode } : {};
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffQueries.all }),
  });
}
