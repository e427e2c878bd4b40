/** A database + vault pair for tests, with a cheap (injected) key derivation. */
import { deriveBits, type DeriveFn, type KdfPolicy } from '../crypto/kdf';
import { Vault } from '../crypto/vault';
import { keyringStore } from '../db/keyring-store';
import { createRepositories } from '../db/repositories';
import { AplisDatabase } from '../db/schema';

export const testKdfPolicy: KdfPolicy = { iterations: 1_000, floor: 1_000 };

export function makeTestVault(options: { now?: () => number; derive?: DeriveFn } = {}) {
  const db = new AplisDatabase(`aplis-test-${crypto.randomUUID()}`);
  const vault = new Vault();
  const keyring = keyringStore(db, vault, {
    policy: testKdfPolicy,
    derive: deriveBits,
    ...options,
  });
  const repos = createRepositories(db, vault);
  return { db, vault, keyring, repos };
}

export type TestVault = ReturnType<typeof makeTestVault>;

export const TEST_PASSPHRASE = 'a long test passphrase';

export async function setUpOrganisation(t: TestVault, passphrase = TEST_PASSPHRASE) {
  return t.keyring.createOrganisation({
    organisation: { name: 'Test centre', supportContacts: [] },
    coordinator: { displayName: 'Ilze Testa', languages: ['lv'] },
    passphrase,
  });
}

/** Every row of every table, for "nothing changed" assertions. */
export async function dumpDatabase(db: AplisDatabase): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) {
    // The box ledger (db/box-ledger.ts) remembers an id when its row is sealed,
    // before the write that may then fail: bookkeeping, not data.
    const rows = (await table.toArray()).filter(
      (row: { key?: unknown }) =>
        table.name !== 'meta' || !String(row.key).startsWith('box-ledger:'),
    );
    out[table.name] = rows.map((row) =>
      JSON.stringify(row, (_k, v: unknown) => (v instanceof Uint8Array ? Array.from(v) : v)),
    );
  }
  return out;
}
