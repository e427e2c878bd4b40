/**
 * Device preferences kept in the plain `meta` table: nothing in here is about
 * a person, and the locked screens need some of it before the vault opens.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AUTO_LOCK_KEY, DEFAULT_AUTO_LOCK_MINUTES } from './lock';
import { parseQuickExitTarget, QUICK_EXIT_KEY, type QuickExitTarget } from './quick-exit-target';
import { rememberFirstFrameFlag } from './first-frame-flag';
import { useServices, type AppServices } from '../services/services';

export interface DeviceSettings {
  demo: boolean;
  autoLockMinutes: number;
  setUp: boolean;
  /** Where quick exit sends the tab (quick-exit.tsx). */
  quickExit: QuickExitTarget;
}

// Local data does not go stale on its own (the client default staleTime is Infinity), and the
// mutations that change it invalidate this key.
export const deviceQueries = {
  all: ['device'] as const,
  settings: (services: AppServices) =>
    queryOptions({
      queryKey: [...deviceQueries.all, 'settings'],
      queryFn: async (): Promise<DeviceSettings> => {
        const [demo, autoLock, setUp, quickExit] = await Promise.all([
          services.meta.get('demo'),
          services.meta.get(AUTO_LOCK_KEY),
          services.keyring.isSetUp(),
          services.meta.get(QUICK_EXIT_KEY),
        ]);
        const settings: DeviceSettings = {
          demo: demo === true,
          autoLockMinutes: typeof autoLock === 'number' ? autoLock : DEFAULT_AUTO_LOCK_MINUTES,
          setUp,
          quickExit: parseQuickExitTarget(quickExit),
        };
        // The static first frame of the next visit reads these (first-frame-flag.ts).
        rememberFirstFrameFlag(settings);
        return settings;
      },
    }),
};

export function useDeviceSettings() {
  const services = useServices();
  return useQuery(deviceQueries.settings(services));
}

export function useSetAutoLockMutation() {
  const { meta } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (minutes: number) => meta.put(AUTO_LOCK_KEY, minutes),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deviceQueries.all }),
  });
}

export function useSetQuickExitMutation() {
  const { meta } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (target: QuickExitTarget) => meta.put(QUICK_EXIT_KEY, target),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deviceQueries.all }),
  });
}
