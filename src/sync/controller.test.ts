// @vitest-environment node
/**
 * The controller end to end over in-memory replicas: a coordinator connects,
 * makes a join code, and a new empty device joins with only that code, pulls
 * the keyring and unlocks with a facilitator's own passphrase.
 */
import { describe, expect, it, vi } from 'vitest';
import { aParticipant } from '../db/backup/test-data';
import { auditEntry } from '../domain/audit';
import { aStaffMember } from '../testing/factories';
import { FAKE_ORIGIN, fakeCouch, type FakeCouch } from '../testing/fake-couch-accounts';
import { memoryReplica, memoryServer } from '../testing/sync-fixture';
import {
  makeTestVault,
  setUpOrganisation,
  testKdfPolicy,
  TEST_PASSPHRASE,
  type TestVault,
} from '../testing/vault-fixture';
import { allDocs } from '../testing/sync-devices';
import { createSyncController, type EngineLoader } from './controller';
import { deferredSyncController } from './deferred-controller';
import { deviceAccounts } from './device-accounts';
import { makeJoinCode, readJoinCode } from './join-code';
import { newSyncSecret, secretSyncKeys } from '../crypto/sync-cipher';
import { encodeRegister } from './codec';
import { SyncEngine } from './engine';
import type { Replica } from './replica';

const FACILITATOR_PASSPHRASE = 'the facilitator passphrase';
const settings = { server: '', database: 'org', username: 'aplis', password: 'pw' };

/** The server's accounts: the coordinator's account is an admin of the database unless told. */
function couchFor(admin = true): FakeCouch {
  return fakeCouch({
    database: 'org',
    admins: admin ? [settings.username] : [],
    accounts: { [settings.username]: settings.password },
  });
}

function loaderFor(servers: Map<string, Replica>, t: TestVault, pageSize?: number): EngineLoader {
  return (s) => {
    const local = memoryReplica('device');
    const engine = new SyncEngine({
      db: t.db,
      vault: t.vault,
      local,
      remote: servers.get(s.database)!,
      secret: s.secret,
      policy: testKdfPolicy,
      ...(pageSize ? { pageSize } : {}),
    });
    return Promise.resolve(
      Object.assign(engine, { destroy: async () => void (await local.destroy()) }),
    );
  };
}

function controllerOn(
  servers: Map<string, Replica>,
  t: TestVault,
  now?: () => number,
  couch: FakeCouch = couchFor(),
) {
  return createSyncController({
    db: t.db,
    vault: t.vault,
    load: loaderFor(servers, t),
    locks: null,
    policy: testKdfPolicy,
    accounts: deviceAccounts({ fetch: couch.fetch, origin: FAKE_ORIGIN }),
    ...(now ? { now } : {}),
  });
}

async function connectedOffice(couch: FakeCouch = couchFor()) {
  const servers = new Map([['org', memoryServer()]]);
  const office = makeTestVault();
  await setUpOrganisation(office);
  const facilitator = aStaffMember({ role: 'facilitator', displayName: 'Anna' });
  await office.repos.staff.put(facilitator);
  await office.keyring.setPassphrase(facilitator.id, FACILITATOR_PASSPHRASE);
  const person = aParticipant({ chosenName: 'Līga' });
  await office.repos.participants.put(person);
  // A coordinators' record: a facilitator's device carries it without opening it.
  await office.repos.audit.put(
    auditEntry({
      actorId: crypto.randomUUID(),
      action: 'concern-raised',
      subject: { table: 'concerns', id: crypto.randomUUID() },
    }),
  );
  const sync = controllerOn(servers, office, undefined, couch);
  await sync.connect(settings);
  return { servers, office, sync, person, facilitator, couch };
}

describe('sync controller', () => {
  it('as the app holds it, loads at the first unlock and syncs a connected device from then on', async () => {
    const { servers, office, sync } = await connectedOffice();
    sync.stop();
    office.vault.lock();
    // What createServices makes: nothing is loaded or running while locked.
    const deferred = deferredSyncController({
      db: office.db,
      vault: office.vault,
      load: loaderFor(servers, office),
      locks: null,
      policy: testKdfPolicy,
    });
    const seen = vi.fn();
    deferred.subscribe(seen);
    expect(deferred.status()).toMatchObject({ state: 'off', connected: false });
    const person = aParticipant({ chosenName: 'Ilze' });
    await office.keyring.unlock(FACILITATOR_PASSPHRASE, 'passphrase');
    await office.repos.participants.put(person);
    await vi.waitFor(() => expect(deferred.status()).toMatchObject({ connected: true }));
    expect(seen).toHaveBeenCalled();
    // It syncs: nothing written after the unlock is left waiting.
    await deferred.syncNow();
    expect(deferred.status()).toMatchObject({ state: 'synced', connected: true, waiting: 0 });
    deferred.stop();
  });

  it('lets a new device join with only a code, pull, and unlock with a facilitator’s passphrase', async () => {
    const { servers, office, sync, person, facilitator } = await connectedOffice();
    expect(sync.status()).toMatchObject({ state: 'synced', connected: true, waiting: 0 });
    const code = await sync.createJoinCode();

    const tablet = makeTestVault();
    const tabletSync = controllerOn(servers, tablet);
    await tabletSync.join(code.text);
    expect(tablet.vault.isUnlocked).toBe(false);
    await tablet.keyring.unlock(FACILITATOR_PASSPHRASE, 'passphrase');
    expect(tablet.vault.session?.staffId).toBe(facilitator.id);
    await tabletSync.syncNow();
    expect((await tablet.repos.participants.get(person.id))?.chosenName).toBe('Līga');
    // A facilitator's device carries the coordinators' rows it cannot open (the audit log).
    expect(await tablet.db.audit.count()).toBe(await office.db.audit.count());
    expect(await tablet.db.audit.count()).toBeGreaterThan(0);
    // The join settings were sealed at that unlock: nothing in the clear is left.
    const meta = JSON.stringify(await tablet.db.meta.toArray(), (_k, v: unknown) =>
      v instanceof Uint8Array ? '<bytes>' : v,
    );
    expect(meta).not.toContain('sync:pending-join');
    expect(meta).not.toContain('"pw"');
  });

  it('shows the whole first pull on a bar: the join fetching, then the pull after the unlock', async () => {
    const { servers, sync, person } = await connectedOffice();
    const code = await sync.createJoinCode();
    const tablet = makeTestVault();
    const tabletSync = createSyncController({
      db: tablet.db,
      vault: tablet.vault,
      load: loaderFor(servers, tablet, 2), // pages of two documents: every pull here is "big"
      locks: null,
      policy: testKdfPolicy,
    });
    const bars: { done: number; total: number }[] = [];
    tabletSync.subscribe(() => {
      const p = tabletSync.status().progress;
      if (p?.phase === 'first-pull') bars.push({ done: p.done, total: p.total });
    });
    const onServer = (await servers.get('org')!.info()).doc_count;
    await tabletSync.join(code.text); // (which then records its join code there too)
    expect(bars.at(-1)).toEqual({ done: onServer, total: onServer });
    expect(tabletSync.status().progress).toBeUndefined();
    bars.length = 0;

    await tablet.keyring.unlock(FACILITATOR_PASSPHRASE, 'passphrase');
    await vi.waitFor(
      async () => {
        expect(await tablet.db.participants.get(person.id)).toBeDefined();
        expect(tabletSync.status().progress).toBeUndefined();
      },
      { timeout: 10_000, interval: 100 },
    );
    expect(bars.length).toBeGreaterThan(2);
    expect(bars.at(0)!.done).toBe(0);
    expect(bars.at(-1)!.done).toBe(bars.at(-1)!.total);
    tabletSync.stop();
  });

  it('tells the screens when rows from the server were written here, and only then', async () => {
    const { servers, office, sync, facilitator } = await connectedOffice();
    const code = await sync.createJoinCode();
    const tablet = makeTestVault();
    const tabletSync = controllerOn(servers, tablet);
    await tabletSync.join(code.text);
    await tablet.keyring.unlock(FACILITATOR_PASSPHRASE, 'passphrase');
    expect(tablet.vault.session?.staffId).toBe(facilitator.id);
    const applied = vi.fn();
    tabletSync.onApplied?.(applied);
    await tabletSync.syncNow();
    // The first pull after the unlock brought the organisation's rows.
    expect(applied).toHaveBeenCalled();
    applied.mockClear();
    await tabletSync.syncNow();
    expect(applied).not.toHaveBeenCalled();

    await office.repos.participants.put(aParticipant({ chosenName: 'Elza' }));
    await sync.syncNow();
    await tabletSync.syncNow();
    expect(applied).toHaveBeenCalledTimes(1);
  });

  it('marks refused records as unseen until Settings → Sync has shown them', async () => {
    const { servers, sync } = await connectedOffice();
    expect(sync.status().unseenRefusals).toBeFalsy();
    // A doc this device never held that opens under no key of this organisation.
    await servers.get('org')!.bulkDocs([{ _id: 'AAAAAAAAAAAAAAAA', v: 1, c: 'AAECAwQFBgcICQ==' }]);
    await sync.syncNow();
    expect(sync.status()).toMatchObject({ state: 'synced', unseenRefusals: true });
    expect(sync.status().refusals[0]).toMatchObject({ reason: 'foreign', count: 1 });
    sync.refusalsSeen?.();
    expect(sync.status().unseenRefusals).toBe(false);
    expect(sync.status().refusals).toHaveLength(1);
  });

  it('refuses a join code used a second time, and leaves that device empty', async () => {
    const { servers, sync } = await connectedOffice();
    const code = await sync.createJoinCode();
    await controllerOn(servers, makeTestVault()).join(code.text);
    const second = makeTestVault();
    await expect(controllerOn(servers, second).join(code.text)).rejects.toMatchObject({
      code: 'join-code-used',
    });
    expect(await second.db.keyring.count()).toBe(0);
  });

  it('refuses an expired join code', async () => {
    const { servers, sync } = await connectedOffice();
    const code = await sync.createJoinCode();
    const later = () => code.expiresAt + 1;
    await expect(
      controllerOn(servers, makeTestVault(), later).join(code.text),
    ).rejects.toMatchObject({
      code: 'join-code-expired',
    });
  });

  it('lets only a coordinator connect', async () => {
    const { servers, office, facilitator } = await connectedOffice();
    office.vault.lock();
    await office.keyring.unlock(FACILITATOR_PASSPHRASE, 'passphrase');
    expect(office.vault.session?.staffId).toBe(facilitator.id);
    await expect(controllerOn(servers, office).connect(settings)).rejects.toMatchObject({
      code: 'coordinators-only',
    });
  });

  it('says so when the database holds another organisation', async () => {
    const { servers } = await connectedOffice();
    const stranger = makeTestVault();
    await setUpOrganisation(stranger);
    const sync = controllerOn(servers, stranger);
    const before = (await allDocs(servers.get('org')!)).length;
    await expect(sync.connect(settings)).rejects.toMatchObject({ code: 'foreign-database' });
    // Not connected: the coordinator sees the form again, with the reason above it.
    expect(sync.status()).toMatchObject({
      state: 'attention',
      problem: 'foreign-database',
      connected: false,
    });
    // Nothing of this organisation went to the other's database, now or at the next unlock.
    stranger.vault.lock();
    await stranger.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    await sync.syncNow();
    expect((await allDocs(servers.get('org')!)).length).toBe(before);
    expect(sync.status().connected).toBe(false);
  });

  it('syncs live while unlocked, and stops at once when the device locks', async () => {
    const { servers, office, sync } = await connectedOffice();
    const code = await sync.createJoinCode();
    const tablet = makeTestVault();
    const tabletSync = controllerOn(servers, tablet);
    await tabletSync.join(code.text);
    await tablet.keyring.unlock(FACILITATOR_PASSPHRASE, 'passphrase');
    const first = aParticipant({ chosenName: 'Live' });
    await office.repos.participants.put(first);
    await vi.waitFor(async () => expect(await tablet.db.participants.get(first.id)).toBeDefined(), {
      timeout: 10_000,
      interval: 200,
    });
    tablet.vault.lock();
    const second = aParticipant({ chosenName: 'After lock' });
    await office.repos.participants.put(second);
    await new Promise((r) => setTimeout(r, 6000));
    expect(await tablet.db.participants.get(second.id)).toBeUndefined();
    sync.stop();
  }, 25_000);

  it('lets only one tab sync: the other says so', async () => {
    const { servers, office, sync } = await connectedOffice();
    sync.stop();
    // A lock manager as two tabs of one browser share it.
    let held = false;
    const locks = {
      request: (async (
        _name: string,
        options: LockOptions | LockGrantedCallback<unknown>,
        callback?: LockGrantedCallback<unknown>,
      ) => {
        const grant = (callback ?? options) as LockGrantedCallback<unknown>;
        const ifAvailable = typeof options === 'object' && options.ifAvailable === true;
        if (held && ifAvailable) return grant(null);
        if (held) return new Promise(() => {}); // waits for the other tab
        held = true;
        return grant({ name: 'aplis-sync', mode: 'exclusive' });
      }) as LockManager['request'],
    };
    const load: EngineLoader = (s) =>
      Promise.resolve(
        Object.assign(
          new SyncEngine({
            db: office.db,
            vault: office.vault,
            local: memoryReplica('tab'),
            remote: servers.get(s.database)!,
            secret: s.secret,
            policy: testKdfPolicy,
          }),
          { destroy: () => Promise.resolve() },
        ),
      );
    const tabs = [1, 2].map(() =>
      createSyncController({ db: office.db, vault: office.vault, load, locks }),
    );
    await Promise.all(tabs.map((t) => t.ready));
    office.vault.update({}); // what an unlock tells listeners
    await vi.waitFor(() => expect(tabs.map((t) => t.status().problem)).toContain('other-tab'));
    expect(tabs.filter((t) => t.status().problem === 'other-tab')).toHaveLength(1);
    for (const t of tabs) t.stop();
  });

  it('forgets the server on disconnect and keeps the rows', async () => {
    const { office, sync, person } = await connectedOffice();
    await sync.disconnect();
    expect(sync.status()).toMatchObject({ state: 'off', connected: false });
    expect((await office.repos.participants.get(person.id))?.chosenName).toBe('Līga');
    expect((await office.db.meta.toArray()).some((m) => m.key.startsWith('sync:'))).toBe(false);
  });
  it('puts an account made for that one device in a join code, never the coordinator’s', async () => {
    const couch = couchFor();
    const { sync } = await connectedOffice(couch);
    const code = await sync.createJoinCode();
    expect(code.account).toBe('device');
    const inside = readJoinCode(code.text, Date.now()).settings;
    expect(inside.username).toMatch(/^aplis-device-/);
    expect(inside.password).not.toBe(settings.password);
    expect(couch.mayRead('org', inside.username, inside.password)).toBe(true);
    // Another code, another account.
    const other = readJoinCode((await sync.createJoinCode()).text, Date.now()).settings;
    expect(other.username).not.toBe(inside.username);
    expect((await sync.devices())?.map((d) => d.name)).toEqual([inside.username, other.username]);
    await sync.revokeDevice(inside.username);
    expect(couch.mayRead('org', inside.username, inside.password)).toBe(false);
    expect(couch.mayRead('org', other.username, other.password)).toBe(true);
  });

  it('falls back to the coordinator’s own account, and says so, when it is not a database admin', async () => {
    const couch = couchFor(false);
    const { sync } = await connectedOffice(couch);
    const code = await sync.createJoinCode();
    expect(code.account).toBe('shared');
    expect(readJoinCode(code.text, Date.now()).settings.username).toBe(settings.username);
    expect([...couch.accounts.keys()]).toEqual([settings.username]);
    await expect(sync.revokeDevice('aplis-device-x-00')).rejects.toMatchObject({
      code: 'coordinators-only',
    });
  });

  it('keeps nothing of the join in the clear before the first unlock', async () => {
    const { servers, sync } = await connectedOffice();
    const code = await sync.createJoinCode();
    const inside = readJoinCode(code.text, Date.now()).settings;
    const tablet = makeTestVault();
    await controllerOn(servers, tablet).join(code.text);
    expect(await tablet.db.keyring.count()).toBeGreaterThan(0);
    const everything = JSON.stringify(
      await Promise.all(tablet.db.tables.map((table) => table.toArray())),
      (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v),
    );
    expect(everything).not.toContain(inside.password);
    expect(everything).not.toContain(inside.username);
    expect(everything).not.toContain(Buffer.from(inside.secret).toString('base64'));
    const b64url = Buffer.from(inside.secret).toString('base64url');
    expect(everything).not.toContain(b64url);
  });

  it('asks for the code again after a reload before unlocking; the same code works again here only', async () => {
    const { servers, sync, facilitator, person } = await connectedOffice();
    const code = await sync.createJoinCode();
    const tablet = makeTestVault();
    await controllerOn(servers, tablet).join(code.text);
    // The page reloads: a new controller over the same database, nothing in memory.
    const reloaded = controllerOn(servers, tablet);
    await reloaded.ready;
    expect(reloaded.status()).toMatchObject({ connected: true, joinAgain: true });
    await reloaded.join(code.text);
    expect(reloaded.status().joinAgain).toBe(false);
    await tablet.keyring.unlock(FACILITATOR_PASSPHRASE, 'passphrase');
    expect(tablet.vault.session?.staffId).toBe(facilitator.id);
    await reloaded.syncNow();
    expect((await tablet.repos.participants.get(person.id))?.chosenName).toBe('Līga');
    // Sealed at the unlock: a reload now needs no code.
    const again = controllerOn(servers, tablet);
    await again.ready;
    expect(again.status().joinAgain).toBeUndefined();
    // Another device with that code is still refused.
    const phone = makeTestVault();
    await expect(controllerOn(servers, phone).join(code.text)).rejects.toMatchObject({
      code: 'join-code-used',
    });
    expect(await phone.db.keyring.count()).toBe(0);
  });

  it('pushes only its join code to the server at a join, and not the documents it fetched back again', async () => {
    const { servers, sync, person } = await connectedOffice();
    const server = servers.get('org')!;
    const code = await sync.createJoinCode();
    const before = await allDocs(server);
    // Every revision the server is asked whether it lacks (the push's _revs_diff).
    const asked: string[] = [];
    const revsDiff = (server as unknown as { revsDiff: (d: object) => Promise<unknown> }).revsDiff;
    (server as unknown as { revsDiff: (d: object) => Promise<unknown> }).revsDiff = (diff) => {
      asked.push(...Object.keys(diff));
      return revsDiff.call(server, diff);
    };
    const tablet = makeTestVault();
    const tabletSync = controllerOn(servers, tablet);
    await tabletSync.join(code.text);
    const after = await allDocs(server);
    // One document more: the record that this code was used; every other one as it was.
    expect(after).toHaveLength(before.length + 1);
    const revs = (docs: { _id: string; _rev: string }[]) => docs.map((d) => `${d._id} ${d._rev}`);
    expect(revs(after)).toEqual(expect.arrayContaining(revs(before)));
    // (The office's live sync asks about that one too, when it has pulled it.)
    const added = after.filter((d) => !before.some((b) => b._id === d._id));
    expect([...new Set(asked)]).toEqual(added.map((d) => d._id));

    // After the unlock, the push goes on from there: the fetched documents are not asked about.
    await tablet.keyring.unlock(FACILITATOR_PASSPHRASE, 'passphrase');
    await tabletSync.syncNow();
    expect((await tablet.repos.participants.get(person.id))?.chosenName).toBe('Līga');
    expect(asked.filter((id) => before.some((d) => d._id === id))).toEqual([]);
    // And what this device writes still reaches the server.
    const held = (await allDocs(server)).length;
    await tablet.repos.participants.put(aParticipant({ chosenName: 'Marta' }));
    await tabletSync.syncNow();
    expect((await allDocs(server)).length).toBeGreaterThan(held);
    tabletSync.stop();
  });

  it('finds the key wraps at a join while fetching, without reading the whole replica again', async () => {
    const { servers, office, sync, facilitator } = await connectedOffice();
    const code = await sync.createJoinCode();
    const tablet = makeTestVault();
    let feedReads = 0;
    const base = loaderFor(servers, tablet);
    const tabletSync = createSyncController({
      db: tablet.db,
      vault: tablet.vault,
      locks: null,
      policy: testKdfPolicy,
      load: async (s) => {
        const engine = await base(s);
        const changes = engine.local.changes.bind(engine.local);
        engine.local.changes = (options) => {
          // The engine's reads of the feed (the push's replication reads it without bodies).
          if (options.conflicts) feedReads++;
          return changes(options);
        };
        return engine;
      },
    });
    await tabletSync.join(code.text);
    expect(feedReads).toBe(0);
    expect(await tablet.db.keyring.count()).toBe(await office.db.keyring.count());
    await tablet.keyring.unlock(FACILITATOR_PASSPHRASE, 'passphrase');
    expect(tablet.vault.session?.staffId).toBe(facilitator.id);
    tabletSync.stop();
  });

  it('opens the registers a join fetched after the unlock, and refuses one sealed under the join code’s secret', async () => {
    const { servers, office, sync, person } = await connectedOffice();
    const meetingId = crypto.randomUUID();
    const mark = await office.repos.attendance.put({
      id: crypto.randomUUID(),
      meetingId,
      participantId: person.id,
      status: 'present',
    });
    await sync.syncNow();
    const code = await sync.createJoinCode();
    // Someone holding the code (its secret opens key wraps) writes a register under it.
    const forgedMeeting = crypto.randomUUID();
    const stored = (await office.db.registers.get(meetingId))!.marks[0]!;
    const forged = await encodeRegister(
      await secretSyncKeys(readJoinCode(code.text, Date.now()).settings.secret),
      forgedMeeting,
      [{ ...stored, id: crypto.randomUUID(), meetingId: forgedMeeting }],
    );
    await servers.get('org')!.bulkDocs([forged]);

    const tablet = makeTestVault();
    const tabletSync = controllerOn(servers, tablet);
    await tabletSync.join(code.text);
    expect(await tablet.db.registers.count()).toBe(0);
    await tablet.keyring.unlock(FACILITATOR_PASSPHRASE, 'passphrase');
    await tabletSync.syncNow();
    const marks = await tablet.repos.attendance.listWhere('meetingId', meetingId);
    expect(marks.items.map((m) => [m.id, m.status])).toEqual([[mark.id, 'present']]);
    expect(await tablet.db.registers.get(forgedMeeting)).toBeUndefined();
    expect(tabletSync.status().refusals).toEqual([
      expect.objectContaining({ reason: 'damaged', count: 1 }),
    ]);
    tabletSync.stop();
  });

  it('refuses a join to a database whose documents open under none of the code’s keys', async () => {
    const { servers, sync } = await connectedOffice();
    const code = readJoinCode((await sync.createJoinCode()).text, Date.now());
    // The same server and database, with another organisation's sync secret.
    const other = makeJoinCode({ ...code.settings, secret: newSyncSecret() }, Date.now());
    const stranger = makeTestVault();
    const strangerSync = controllerOn(servers, stranger);
    const before = await allDocs(servers.get('org')!);
    await expect(strangerSync.join(other.text)).rejects.toMatchObject({
      code: 'foreign-database',
    });
    expect(await stranger.db.keyring.count()).toBe(0);
    expect(strangerSync.status().connected).toBe(false);
    // Nothing of this device went into the other organisation's database.
    expect(await allDocs(servers.get('org')!)).toEqual(before);
  });
});
