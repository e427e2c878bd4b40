/**
 * Backup, restore, merge and storage health as react-query hooks. The work
 * itself is in src/db/backup; nothing here sees a decrypted record.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useServices, type AppServices } from '../../../services/services';
import type { OpenedBackup } from '../../../db/backup/backup';
import { BACKUP_EXTENSION } from '../../../db/backup/format';
import { appFileName, fileNamePart, fileTimestamp } from '../../../domain/file-names';
import type { MergePreview } from '../../../db/backup/merge';
import { organisationQueries } from '../../../entities/organisation/queries';
import { downloadFile } from '../../../ui/download';

/** A backup is "due" after this many days without one. */
export const BACKUP_DUE_DAYS = 7;

// Invalidated by the mutations below (local data never goes stale on its own).
export const backupQueries = {
  all: ['device', 'backup'] as const,
  /** After the first unlock since a restore: was the restored file made by this team? */
  restoreCheck: ({ backup }: AppServices) =>
    queryOptions({
      queryKey: [...backupQueries.all, 'restore-check'],
      queryFn: () => backup.checkRestored(),
    }),
  status: ({ backup }: AppServices) =>
    queryOptions({
      queryKey: [...backupQueries.all, 'status'],
      queryFn: async () => ({ lastBackupAt: (await backup.lastBackupAt()) ?? null }),
    }),
};

export function useBackupStatus() {
  return useQuery(backupQueries.status(useServices()));
}

export function useRestoreCheck() {
  return useQuery(backupQueries.restoreCheck(useServices()));
}

export function useDismissRestoreCheckMutation() {
  const { backup } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => backup.dismissRestoreCheck(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: backupQueries.all }),
  });
}

/** True when the last backup is older than BACKUP_DUE_DAYS, or there is none. */
export function isBackupDue(last: string | null, now: number = Date.now()): boolean {
  if (!last) return true;
  return now - Date.parse(last) > BACKUP_DUE_DAYS * 24 * 60 * 60 * 1000;
}

/**
 * The organisation's short name and the Riga date and time to the second, so
 * two backups of one day, or of two organisations, never share a name —
 * nothing about a person in the downloads list.
 */
export function backupFileName(createdAt: string, organisationName = ''): string {
  return appFileName(
    'backup',
    [fileNamePart(organisationName, 24), fileTimestamp(createdAt)],
    BACKUP_EXTENSION,
  );
}

export function useCreateBackupMutation() {
  const services = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (passphrase: string) => {
      const file = await services.backup.create(passphrase);
      const organisation = await queryClient.fetchQuery(organisationQueries.detail(services));
      const fileName = backupFileName(file.createdAt, organisation?.name);
      downloadFile(file.bytes, 'application/octet-stream', fileName);
      await services.backup.recordMade(file.createdAt);
      return { fileName, rows: file.rows };
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: backupQueries.all }),
  });
}

async function readFile(file: File): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await file.arrayBuffer());
}

/** Opens a backup file and works out what merging it would change. Writes nothing. */
export function usePreviewMergeMutation() {
  const { backup: backups } = useServices();
  return useMutation({
    mutationFn: async (input: {
      file: File;
      passphrase: string;
    }): Promise<{ backup: OpenedBackup; preview: MergePreview }> => {
      const backup = await backups.open(await readFile(input.file), input.passphrase);
      return { backup, preview: await backups.previewMerge(backup) };
    },
  });
}

export function useApplyMergeMutation() {
  const { backup: backups } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      backup: OpenedBackup;
      preview: MergePreview;
      confirmUnsigned: boolean;
    }) =>
      backups.applyMerge(input.backup, input.preview, { confirmUnsigned: input.confirmUnsigned }),
    // Any record may have changed: every cached query is out of date.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

/** Restores a backup into this empty device; afterwards the unlock screen shows. */
export function useRestoreBackupMutation() {
  const { backup: backups } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { file: File; passphrase: string }) => {
      const backup = await backups.open(await readFile(input.file), input.passphrase);
      return backups.restoreIntoEmpty(backup);
    },
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

/* ---- Storage health ---------------------------------------------------- */

export interface StorageHealth {
  /** Bytes, or null when the browser does not say. */
  usage: number | null;
  quota: number | null;
  persisted: boolean;
  /** False when the browser has no persistent-storage API at all. */
  canPersist: boolean;
}

export const storageQueries = {
  health: () =>
    queryOptions({
      queryKey: ['device', 'storage'],
      // Usage changes with every write: measured again on each visit.
      staleTime: 0,
      queryFn: async (): Promise<StorageHealth> => {
        const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
        const [estimate, persisted] = await Promise.all([
          storage?.estimate?.().catch(() => undefined),
          storage?.persisted?.().catch(() => false),
        ]);
        return {
          usage: estimate?.usage ?? null,
          quota: estimate?.quota ?? null,
          persisted: persisted === true,
          canPersist: typeof storage?.persist === 'function',
        };
      },
    }),
};

export function useStorageHealth() {
  return useQuery(storageQueries.health());
}

/** Asks the browser to keep Aplis's data under storage pressure. Resolves to its answer. */
export function useRequestPersistenceMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => (await navigator.storage?.persist?.()) === true,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['device', 'storage'] }),
  });
}
