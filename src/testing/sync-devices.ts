/**
 * Two devices of one organisation for node sync tests: two Dexie databases,
 * two vaults with the same team key (the second joins by pulling the
 * keyring), two in-memory replicas replicating through a third standing in
 * for the server — and a server that stops half-way through a write.
 */
import { newSyncSecret } from '../crypto/sync-cipher';
import { SyncEngine } from '../sync/engine';
import type { Replica, StoredDoc } from '../sync/replica';
import { memoryReplica, memoryServer } from './sync-fixture';
import {
  makeTestVault,
  setUpOrganisation,
  testKdfPolicy,
  TEST_PASSPHRASE,
  type TestVault,
} from './vault-fixture';

export interface Device {
  t: TestVault;
  engine: SyncEngine;
}

/** A device on `server`; `local` is its replica (a fresh one unless given: a restart keeps it). */
export function deviceOn(
  server: Replica,
  t: TestVault,
  secret: Uint8Array<ArrayBuffer>,
  local: Replica = memoryReplica('device'),
): Device {
  const engine = new SyncEngine({
    db: t.db,
    vault: t.vault,
    local,
    remote: server,
    secret,
    policy: testKdfPolicy,
  });
  return { t, engine };
}

/** A coordinator's laptop, connected, and a tablet that joined with the secret and unlocked. */
export async function twoDevices() {
  const server = memoryServer();
  const secret = newSyncSecret();
  const laptopVault = makeTestVault();
  const { staffId, recoveryCode } = await setUpOrganisation(laptopVault);
  const laptop = deviceOn(server, laptopVault, secret);
  await laptop.engine.syncNow();
  const tablet = deviceOn(server, makeTestVault(), secret);
  await tablet.engine.pullFromServer();
  await tablet.t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
  await tablet.engine.syncNow();
  return { server, secret, laptop, tablet, staffId, recoveryCode };
}

/** Every document's winning revision, deleted ones left out. */
export async function allDocs(replica: Replica): Promise<StoredDoc[]> {
  const all = await (
    replica as unknown as {
      allDocs(o: { include_docs: true }): Promise<{ rows: { doc: StoredDoc }[] }>;
    }
  ).allDocs({ include_docs: true });
  return all.rows.map((r) => r.doc);
}

/**
 * `replica`, except that while `armed` its next write takes the first
 * `after` documents and then fails as a server that stopped would (the
 * documents written stay written).
 */
export function stopsMidWrite(replica: Replica, after: number) {
  const control = { armed: true, failures: 0 };
  const proxy = new Proxy(replica, {
    get(target, prop, receiver) {
      if (prop !== 'bulkDocs' || !control.armed)
        return Reflect.get(target, prop, receiver) as unknown;
      return async (
        body: object[] | { docs: object[]; new_edits?: boolean },
        ...rest: unknown[]
      ) => {
        control.armed = false;
        control.failures++;
        const docs = Array.isArray(body) ? body : body.docs;
        const part = docs.slice(0, after);
        const write = target.bulkDocs.bind(target) as (...a: unknown[]) => Promise<unknown>;
        await write(Array.isArray(body) ? part : { ...body, docs: part }, ...rest);
        throw Object.assign(new Error('The server stopped'), { status: 503 });
      };
    },
  });
  return { replica: proxy, control };
}
