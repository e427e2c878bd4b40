/**
 * Backup, restore, merge and storage health as react-query hooks. The work
 * itself is in src/db/backup; nothing here sees a decrypted record.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useServices, type AppServices } from '../../../services/services';
import {
  createBackup,
  lastBackupAt,
  openBackup,
  recordBackupMade,
  restoreIntoEmpty,
  type OpenedBackup,
} from '../../../db/backup/backup';
import { BACKUP_EXTENSION } from '../../../db/backup/format';
import { appFileName, fileNamePart, fileTimestamp } from '../../../domain/file-names';
import { applyMerge, previewMerge, type MergePreview } from '../../../db/backup/merge';
import { downloadFile } from '../../../ui/download';
import { organisationQueries } from './queries';

/** A backup is "due" after this many days without one. */
export const BACKUP_DUE_DAYS = 7;

// Local data does not go stale on its own: staleTime Infinity, invalidated by
// the mutations below.
export const backupQueries = {
  all: ['device', 'backup'] as const,
  status: ({ db }: AppServices) =>
    queryOptions({
      queryKey: [...backupQueries.all, 'status'],
      queryFn: async () => ({ lastBackupAt: (await lastBackupAt(db)) ?? null }),
      staleTime: Infinity,
    }),
};

export function useBackupStatus() {
  return useQuery(backupQueries.status(useServices()));
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
  const { db, vault } = services;
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (passphrase: string) => {
      const file = await createBackup(db, vault, passphrase);
      const organisation = await queryClient.fetchQuery(organisationQueries.detail(services));
      const fileName = backupFileName(file.createdAt, organisation?.name);
      downloadFile(file.bytes, 'application/octet-stream', fileName);
      await recordBackupMade(db, file.createdAt);
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
  const { db, vault } = useServices();
  return useMutation({
    mutationFn: async (input: {
      file: File;
      passphrase: string;
    }): Promise<{ backup: OpenedBackup; preview: MergePreview }> => {
      const backup = await openBackup(db, await readFile(input.file), input.passphrase);
      return { backup, preview: await previewMerge(db, vault, backup) };
    },
  });
}

export function useApplyMergeMutation() {
  const { db, vault } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { backup: OpenedBackup; preview: MergePreview }) =>
      applyMerge(db, vault, input.backup, input.preview),
    // Any record may have changed: every cached query is out of date.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

/** Restores a backup into this empty device; afterwards the unlock screen shows. */
export function useRestoreBackupMutation() {
  const { db } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { file: File; passphrase: string }) => {
      const backup = await openBackup(db, await readFile(input.file), input.passphrase);
      return restoreIntoEmpty(db, backup);
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
