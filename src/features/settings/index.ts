/**
 * The settings feature's public surface: what another feature may use.
 * Set-up offers restoring a backup on a new device, and joining a synced
 * organisation (its progress and problems look as they do in Settings → Sync).
 */
export { useRestoreBackupMutation } from './api/backup';
export { describeBackupError } from './api/backup-errors';
export { SyncProblemNotice } from './sync/sync-problems';
export { SyncProgressBar } from './sync/sync-progress';
