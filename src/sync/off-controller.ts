/**
 * The SyncController of a device that is not connected to a server: what the
 * app runs with until the sync engine is wired in (and what the screens are
 * tested against besides their fakes). Its status never changes, so nothing
 * subscribes for long and nothing is loaded.
 */
import type { SyncController, SyncStatus } from './types';

const OFF: SyncStatus = Object.freeze({
  state: 'off',
  connected: false,
  waiting: 0,
  refusals: Object.freeze([]),
});

/** Connecting and joining need the engine: until it is there they say so and change nothing. */
function unavailable(): Promise<never> {
  return Promise.reject(new Error('Team sync is not available in this version.'));
}

export function createOffController(): SyncController {
  return {
    status: () => OFF,
    subscribe: () => () => undefined,
    connect: unavailable,
    createJoinCode: unavailable,
    join: unavailable,
    devices: () => Promise.resolve(undefined),
    revokeDevice: unavailable,
    syncNow: () => Promise.resolve(),
    stop: () => undefined,
    disconnect: () => Promise.resolve(),
    leaveAndWipe: unavailable,
  };
}
