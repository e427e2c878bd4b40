// @vitest-environment node
/**
 * A join that ends at the first key wrap while its fetch goes on into the
 * replica (issue #16): a person unlocks meanwhile, the pull follows the
 * fetch, a late key wrap is waited for, a failed fetch resumes, and Lock
 * stops it. The server's feed is held at a point (`gate`) to see each case.
 */
import { describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { aParticipant } from '../db/backup/test-data';
import { aStaffMember } from '../testing/factories';
import { FAKE_ORIGIN, fakeCouch } from '../testing/fake-couch-accounts';
import { allDocs } from '../testing/sync-devices';
import { memoryReplica, memoryServer } from '../testing/sync-fixture';
import {
  makeTestVault,
  setUpOrganisation,
  testKdfPolicy,
  type TestVault,
} from '../testing/vault-fixture';
import { secretSyncKeys } from '../crypto/sync-cipher';
import { decodeDoc } from './codec';
import { createSyncController, type EngineLoader } from './controller';
import { readJoinCode } from './join-code';
import { deviceAccounts } from './device-accounts';
import { SyncEngine } from './engine';
import type { Replica } from './replica';

const FACILITATOR_PASSPHRASE = 'the facilitator passphrase';
const LATE_PASSPHRASE = 'the late facilitator passphrase';
const settings = { server: '', database: 'org', username: 'aplis', password: 'pw' };

/** Holds a replica's fetch after `after` documents came in, until `open()`. */
function gate(after: number) {
  let release!: () => void;
  const opened = new Promise<void>((resolve) => (release = resolve));
  let written = 0;
  const ids: string[] = [];
  let isOpen = false;
  return {
    open() {
      isOpen = true;
      release();
    },
    /** Wraps the replica's writes: the fetch's (new_edits false) wait once `after` are in. */
    hold(local: Replica) {
      const bulkDocs = local.bulkDocs.bind(local) as (d: unknown) => Promise<never>;
      (local as unknown as { bulkDocs: (d: unknown) => Promise<unknown> }).bulkDocs = async (
        docs,
      ) => {
        const fetched = (docs as { new_edits?: boolean }).new_edits === false;
        if (fetched && written >= after && !isOpen) await opened;
        if (fetched) {
          const batch = (docs as { docs: { _id: string }[] }).docs;
          written += batch.length;
          ids.push(...batch.map((d) => d._id));
        }
        return bulkDocs(docs);
      };
    },
    get written() {
      return written;
    },
    /** Documents the fetch wrote more than once. */
    get twice() {
      return ids.filter((id, i) => ids.indexOf(id) !== i);
    },
  };
}

/** Where the documents that open under a join code's secret (key wraps) are in the server's feed. */
async function keyDocsAt(server: Replica, code: string): Promise<number[]> {
  const keys = await secretSyncKeys(readJoinCode(code, Date.now()).settings.secret);
  const feed = await server.changes({
    since: 0,
    limit: 100_000,
    include_docs: true,
    conflicts: true,
  });
  const at: number[] = [];
  for (const [i, c] of feed.results.entries())
    if (c.doc && !c.doc._deleted && (await decodeDoc([keys], c.doc)).ok) at.push(i);
  return at;
}

/** A device's engines on `server`, with one replica kept across them (IndexedDB keeps it across a lock, an unlock). */
function loaderFor(
  server: Replica,
  t: TestVault,
  {
    fetchBatch,
    held,
    replicas = [],
  }: { fetchBatch?: number; held?: ReturnType<typeof gate>; replicas?: Replica[] } = {},
): EngineLoader {
  return (s) => {
    const local = replicas[0] ?? memoryReplica('device');
    if (!replicas[0]) {
      replicas.push(local);
      held?.hold(local);
    }
    const engine = new SyncEngine({
      db: t.db,
      vault: t.vault,
      local,
      remote: server,
      secret: s.secret,
      policy: testKdfPolicy,
      fetchBatch,
    });
    return Promise.resolve(
      Object.assign(engine, { destroy: async () => void (await local.destroy()) }),
    );
  };
}

async function office() {
  const server = memoryServer();
  const t = makeTestVault();
  await setUpOrganisation(t);
  const facilitator = aStaffMember({ role: 'facilitator', displayName: 'Anna' });
  await t.repos.staff.put(facilitator);
  await t.keyring.setPassphrase(facilitator.id, FACILITATOR_PASSPHRASE);
  const couch = fakeCouch({
    database: 'org',
    admins: [settings.username],
    accounts: { [settings.username]: settings.password },
  });
  const sync = createSyncController({
    db: t.db,
    vault: t.vault,
    load: loaderFor(server, t),
    locks: null,
    policy: testKdfPolicy,
    accounts: deviceAccounts({ fetch: couch.fetch, origin: FAKE_ORIGIN }),
  });
  await sync.connect(settings);
  // Written after the connect: in the server's feed after every key wrap.
  for (let i = 0; i < 12; i++) await t.repos.participants.put(aParticipant());
  await sync.syncNow();
  return { server, t, sync, facilitator };
}

function tabletOn(server: Replica, fetchBatch: number, held?: ReturnType<typeof gate>) {
  const t = makeTestVault();
  const replicas: Replica[] = [];
  const sync = createSyncController({
    db: t.db,
    vault: t.vault,
    load: loaderFor(server, t, { fetchBatch, held, replicas }),
    locks: null,
    policy: testKdfPolicy,
  });
  return { t, sync, replicas };
}

type Office = Awaited<ReturnType<typeof office>>;

/** A tablet joins with a new code, its fetch (one document at a time) held once every key wrap is in. */
async function joinHeldAfterKeys({ server, sync }: Office) {
  const code = await sync.createJoinCode();
  const held = gate((await keyDocsAt(server, code.text)).at(-1)! + 1);
  const tablet = tabletOn(server, 1, held);
  await tablet.sync.join(code.text);
  return { held, tablet };
}

/** Waits until the tablet holds as many rows of `table` as the office. */
async function untilSameCount(
  tablet: TestVault,
  office_: TestVault,
  table: 'keyring' | 'participants',
) {
  await vi.waitFor(
    async () => expect(await tablet.db[table].count()).toBe(await office_.db[table].count()),
    { timeout: 15_000, interval: 50 },
  );
}

// Timing-sensitive on a loaded machine (each case waits on a fetch, a retry, a pull): room to finish.
describe('a join overlapped with its fetch', { timeout: 60_000 }, () => {
  it('ends at the first key wraps, lets a person unlock while the rest arrives, and applies every row once', async () => {
    const o = await office();
    const { server, t: office_ } = o;
    // Every revision the server is asked whether it lacks (the push's _revs_diff).
    const asked: string[] = [];
    const revsDiff = (server as unknown as { revsDiff: (d: object) => Promise<unknown> }).revsDiff;
    (server as unknown as { revsDiff: (d: object) => Promise<unknown> }).revsDiff = (diff) => {
      asked.push(...Object.keys(diff));
      return revsDiff.call(server, diff);
    };
    const before = await allDocs(server);

    // The feed is held once every key wrap is in.
    const { held, tablet } = await joinHeldAfterKeys(o);
    // The key wraps are applied as they come (while the rest is held).
    await untilSameCount(tablet.t, office_, 'keyring');
    // Joined with most of the organisation still on its way, and the bar says so.
    expect(tablet.sync.status().progress?.phase).toBe('first-pull');
    expect(await tablet.t.db.participants.count()).toBe(0);
    // The unlock screen is told the keyring may be partial: an unlock then makes no keys.
    expect(tablet.sync.incomplete?.()).toBe(true);
    // The join code's record is on the server (read and written there, not from the feed).
    expect(await allDocs(server)).toHaveLength(before.length + 1);

    await tablet.t.keyring.unlock(FACILITATOR_PASSPHRASE, 'passphrase');
    expect(tablet.t.vault.isUnlocked).toBe(true);
    held.open();
    await vi.waitFor(
      async () => {
        expect(await tablet.t.db.participants.count()).toBe(await office_.db.participants.count());
        expect(tablet.sync.status().progress).toBeUndefined();
        expect(tablet.sync.incomplete?.()).toBe(false);
      },
      { timeout: 15_000, interval: 100 },
    );
    // Each row once, as on the office device.
    const names = async (v: TestVault) =>
      (await v.repos.participants.list()).items.map((p) => p.chosenName).sort();
    expect(await names(tablet.t)).toEqual(await names(office_));
    // The push goes on after the fetched documents: none of them is asked about again.
    await tablet.sync.syncNow();
    expect(asked.filter((id) => before.some((d) => d._id === id))).toEqual([]);
    tablet.sync.stop();
  });

  it('waits for a key wrap that comes late before saying the passphrase is wrong', async () => {
    const { server, t: office_, sync } = await office();
    // A facilitator added after the connect: their wrap is among the newest documents.
    const late = aStaffMember({ role: 'facilitator', displayName: 'Bea' });
    await office_.repos.staff.put(late);
    await office_.keyring.setPassphrase(late.id, LATE_PASSPHRASE);
    await sync.syncNow();
    const code = await sync.createJoinCode();
    // The feed is held after the first key wrap, before the last (Bea's).
    const at = await keyDocsAt(server, code.text);
    expect(at.length).toBeGreaterThan(1);
    const held = gate(at[0]! + 1);
    const tablet = tabletOn(server, 1, held);
    await tablet.sync.join(code.text);
    // Not here yet: no wrap of Bea's opens (or none of anyone's yet).
    await expect(tablet.t.keyring.unlock(LATE_PASSPHRASE, 'passphrase')).rejects.toThrow();
    // What the unlock screen does: still receiving, so wait, then try once more.
    const received = tablet.sync.received!();
    held.open();
    expect(await received).toBe(true);
    await tablet.t.keyring.unlock(LATE_PASSPHRASE, 'passphrase');
    expect(tablet.t.vault.session?.staffId).toBe(late.id);
    // Nothing is coming any more: a wrong passphrase is wrong at once.
    expect(await tablet.sync.received!()).toBe(false);
    tablet.sync.stop();
  });

  it('reports a fetch that fails after the join ended, and resumes it from where it stopped', async () => {
    const o = await office();
    const { server, t: office_ } = o;
    const { held, tablet } = await joinHeldAfterKeys(o);
    // The server goes away while the feed is held.
    const changes = server.changes.bind(server);
    (server as unknown as { changes: unknown }).changes = () => {
      const failed = Promise.reject(Object.assign(new Error('offline'), { status: 0 }));
      return Object.assign(failed, { on: () => failed, cancel: () => undefined });
    };
    held.open();
    await vi.waitFor(() => expect(tablet.sync.status().problem).toBe('unreachable'), {
      timeout: 15_000,
    });
    expect(tablet.sync.status()).toMatchObject({ state: 'offline' });
    expect(tablet.sync.status().progress).toBeUndefined();
    const got = held.written;
    // Back: the unlock screen's wait starts it again, from its checkpoint.
    (server as unknown as { changes: unknown }).changes = changes;
    expect(await tablet.sync.received!()).toBe(true);
    // Resumed from its checkpoint: no document fetched twice.
    expect(got).toBeGreaterThan(0);
    expect(held.twice).toEqual([]);
    await tablet.t.keyring.unlock(FACILITATOR_PASSPHRASE, 'passphrase');
    await untilSameCount(tablet.t, office_, 'participants');
    tablet.sync.stop();
  });

  it('stops the fetch at once on Lock, and goes on from there at the next unlock', async () => {
    const o = await office();
    const { t: office_ } = o;
    const { held, tablet } = await joinHeldAfterKeys(o);
    await untilSameCount(tablet.t, office_, 'keyring');
    await tablet.t.keyring.unlock(FACILITATOR_PASSPHRASE, 'passphrase');
    tablet.t.vault.lock();
    const local = tablet.replicas[0]!;
    const seq = (await local.info()).update_seq;
    held.open();
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Nothing more came in while locked, but the one batch that was being written.
    const stopped = Number((await local.info()).update_seq);
    expect(stopped).toBeLessThanOrEqual(Number(seq) + 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await local.info()).update_seq).toBe(stopped);
    expect(await tablet.t.db.participants.count()).toBe(0);
    await tablet.t.keyring.unlock(FACILITATOR_PASSPHRASE, 'passphrase');
    await untilSameCount(tablet.t, office_, 'participants');
    tablet.sync.stop();
  });

  it('refuses a used join code though its record would come last in the feed', async () => {
    const { server, sync } = await office();
    const code = await sync.createJoinCode();
    const first = tabletOn(server, 1000);
    await first.sync.join(code.text);
    // A second device: its join would end at the first key wrap, long before the record.
    const held = gate(2);
    const second = tabletOn(server, 1, held);
    await expect(second.sync.join(code.text)).rejects.toMatchObject({ code: 'join-code-used' });
    held.open();
    expect(await second.t.db.keyring.count()).toBe(0);
    expect(second.sync.status().connected).toBe(false);
  });
});
