/**
 * The settings feature's public surface: what another feature may use.
 * Set-up offers restoring a backup on a new device.
 */
export { useRestoreBackupMutation } from './api/backup';
export { describeBackupError } from './api/backup-errors';
