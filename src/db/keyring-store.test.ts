// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { deriveBits } from '../crypto/kdf';
import { delayAfter, FREE_TRIES } from '../domain/unlock-throttle';
import { DamagedRecordError } from '../crypto/errors';
import {
  dumpDatabase,
  makeTestVault,
  setUpOrganisation,
  TEST_PASSPHRASE,
} from '../testing/vault-fixture';
import { UnlockThrottledError, WrongSecretError } from './keyring-store';

describe('the vault on disk', () => {
  it('unlocks with the passphrase after a lock and shows who is signed in', async () => {
    const t = makeTestVault();
    const { staffId } = await setUpOrganisation(t);
    t.vault.lock();
    expect(t.vault.isUnlocked).toBe(false);
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    expect(t.vault.session).toEqual({ staffId, viaRecovery: false });
    expect((await t.repos.staff.get(staffId))?.displayName).toBe('Ilze Testa');
  });

  it('stores no name in the clear and no passphrase hash', async () => {
    const t = makeTestVault();
    await setUpOrganisation(t);
    const dump = JSON.stringify(await dumpDatabase(t.db));
    expect(dump).not.toContain('Ilze');
    expect(dump).not.toContain('Test centre');
    expect(dump).not.toContain(TEST_PASSPHRASE);
  });

  it('changes nothing on a wrong passphrase except the try counter', async () => {
    const t = makeTestVault();
    await setUpOrganisation(t);
    t.vault.lock();
    const before = await dumpDatabase(t.db);
    await expect(t.keyring.unlock('not the passphrase', 'passphrase')).rejects.toBeInstanceOf(
      WrongSecretError,
    );
    expect(t.vault.isUnlocked).toBe(false);
    const after = await dumpDatabase(t.db);
    expect({ ...after, meta: [] }).toEqual({ ...before, meta: [] });
  });

  it('makes each try after the fifth wrong one wait longer, and resets on success', async () => {
    let now = 1_000_000;
    const t = makeTestVault({ now: () => now });
    await setUpOrganisation(t);
    t.vault.lock();
    for (let i = 0; i < 5; i++) {
      await expect(t.keyring.unlock(`wrong ${i}`, 'passphrase')).rejects.toBeInstanceOf(
        WrongSecretError,
      );
    }
    // The fifth failure set a wait: the sixth try is refused without trying.
    const throttled = await t.keyring
      .unlock(TEST_PASSPHRASE, 'passphrase')
      .catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(UnlockThrottledError);
    expect((throttled as UnlockThrottledError).waitMs).toBe(delayAfter(5));
    now += delayAfter(5);
    await expect(t.keyring.unlock('wrong again', 'passphrase')).rejects.toBeInstanceOf(
      WrongSecretError,
    );
    now += delayAfter(5);
    const longer = await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase').catch((e: unknown) => e);
    expect((longer as UnlockThrottledError).waitMs).toBe(delayAfter(6) - delayAfter(5));
    now += delayAfter(6);
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    expect(t.vault.isUnlocked).toBe(true);
    expect((await t.keyring.readThrottle()).failures).toBe(0);
  });

  it('counts each of ten parallel wrong passphrases: no more keys are derived than the throttle allows', async () => {
    let derived = 0;
    const t = makeTestVault({
      derive: (secret, params) => {
        derived++;
        return deriveBits(secret, params);
      },
    });
    await setUpOrganisation(t);
    t.vault.lock();
    derived = 0;
    const tries = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.keyring.unlock(`parallel wrong ${i}`, 'passphrase').catch((e: unknown) => e),
      ),
    );
    expect(tries.filter((e) => e instanceof WrongSecretError)).toHaveLength(FREE_TRIES);
    expect(tries.filter((e) => e instanceof UnlockThrottledError)).toHaveLength(10 - FREE_TRIES);
    expect(derived).toBe(FREE_TRIES);
    expect((await t.keyring.readThrottle()).failures).toBe(FREE_TRIES);
    // Even the right passphrase now waits.
    await expect(t.keyring.unlock(TEST_PASSPHRASE, 'passphrase')).rejects.toBeInstanceOf(
      UnlockThrottledError,
    );
  });

  it('counts wrong passphrases at a kiosk exit towards the same throttle', async () => {
    const t = makeTestVault();
    const { staffId } = await setUpOrganisation(t);
    for (let i = 0; i < FREE_TRIES; i++)
      expect(await t.keyring.verifyPassphrase(staffId, `kiosk guess ${i}`)).toBe(false);
    await expect(t.keyring.verifyPassphrase(staffId, TEST_PASSPHRASE)).rejects.toBeInstanceOf(
      UnlockThrottledError,
    );
    t.vault.lock();
    await expect(t.keyring.unlock(TEST_PASSPHRASE, 'passphrase')).rejects.toBeInstanceOf(
      UnlockThrottledError,
    );
  });

  it('unlocks with the recovery code, forces a new passphrase and issues a new code', async () => {
    const t = makeTestVault();
    const { recoveryCode, staffId } = await setUpOrganisation(t);
    t.vault.lock();
    await t.keyring.unlock(recoveryCode.toLowerCase().replace(/-/g, ' '), 'recovery');
    expect(t.vault.session?.viaRecovery).toBe(true);
    const { recoveryCode: next } = await t.keyring.setPassphrase(
      staffId,
      'my brand new passphrase',
    );
    expect(next).toBeDefined();
    expect(next).not.toBe(recoveryCode);
    t.vault.lock();
    await expect(t.keyring.unlock(TEST_PASSPHRASE, 'passphrase')).rejects.toBeInstanceOf(
      WrongSecretError,
    );
    await expect(t.keyring.unlock(recoveryCode, 'recovery')).rejects.toBeInstanceOf(
      WrongSecretError,
    );
    await t.keyring.unlock('my brand new passphrase', 'passphrase');
    expect(t.vault.session).toEqual({ staffId, viaRecovery: false });
    t.vault.lock();
    await t.keyring.unlock(next!, 'recovery');
    expect(t.vault.isUnlocked).toBe(true);
  });

  it('re-wraps on passphrase change without re-encrypting any row', async () => {
    const t = makeTestVault();
    const { staffId } = await setUpOrganisation(t);
    const rowsBefore = await t.db.staff.toArray();
    await t.keyring.setPassphrase(staffId, 'another long passphrase');
    expect(await t.db.staff.toArray()).toEqual(rowsBefore);
    t.vault.lock();
    await t.keyring.unlock('another long passphrase', 'passphrase');
    expect((await t.repos.staff.get(staffId))?.displayName).toBe('Ilze Testa');
  });

  it('reports one damaged row and still reads the others', async () => {
    const t = makeTestVault();
    await setUpOrganisation(t);
    const make = (code: string, chosenName: string) => ({
      id: crypto.randomUUID(),
      code,
      chosenName,
      gender: 'girl' as const,
      languages: [],
      createdAt: new Date().toISOString(),
    });
    const a = make('L25-01', 'Alise');
    const b = make('L25-02', 'Beāte');
    await t.repos.participants.bulkPut([a, b]);
    const row = await t.db.participants.get(b.id);
    row!.sealed[20]! ^= 1;
    await t.db.participants.put(row!);
    const { items, damaged } = await t.repos.participants.list();
    expect(items.map((p) => p.chosenName)).toEqual(['Alise']);
    expect(damaged).toEqual([b.id]);
    await expect(t.repos.participants.get(b.id)).rejects.toBeInstanceOf(DamagedRecordError);
  });

  it('refuses a payload copied onto another participant', async () => {
    const t = makeTestVault();
    await setUpOrganisation(t);
    const base = { gender: 'girl' as const, languages: [], createdAt: new Date().toISOString() };
    const a = { ...base, id: crypto.randomUUID(), code: 'L25-01', chosenName: 'Alise' };
    const b = { ...base, id: crypto.randomUUID(), code: 'L25-02', chosenName: 'Beāte' };
    await t.repos.participants.bulkPut([a, b]);
    const rowA = await t.db.participants.get(a.id);
    await t.db.participants.put({ ...rowA!, id: b.id });
    await expect(t.repos.participants.get(b.id)).rejects.toBeInstanceOf(DamagedRecordError);
  });
});

describe('colleagues on the same device', () => {
  it('gives a colleague their own passphrase without changing who is signed in', async () => {
    const t = makeTestVault();
    const { staffId: coordinatorId } = await setUpOrganisation(t);
    const colleagueId = crypto.randomUUID();
    await t.keyring.setPassphrase(colleagueId, 'the colleague own passphrase');
    expect(t.vault.session?.staffId).toBe(coordinatorId);
    t.vault.lock();
    await t.keyring.unlock('the colleague own passphrase', 'passphrase');
    expect(t.vault.session?.staffId).toBe(colleagueId);
    t.vault.lock();
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    expect(t.vault.session?.staffId).toBe(coordinatorId);
  });

  it('stops a revoked colleague passphrase from opening anything, and keeps the others working', async () => {
    const t = makeTestVault();
    const { staffId: coordinatorId } = await setUpOrganisation(t);
    const colleagueId = crypto.randomUUID();
    await t.keyring.setPassphrase(colleagueId, 'the colleague own passphrase');
    expect(await t.keyring.revokeStaff(colleagueId)).toBe(1);
    await expect(t.keyring.revokeStaff(coordinatorId)).rejects.toThrow();
    t.vault.lock();
    await expect(
      t.keyring.unlock('the colleague own passphrase', 'passphrase'),
    ).rejects.toBeInstanceOf(WrongSecretError);
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    expect(t.vault.session?.staffId).toBe(coordinatorId);
  });
});
