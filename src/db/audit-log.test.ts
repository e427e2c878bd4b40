// @vitest-environment node
/**
 * The audit log is tamper-evident: each line carries the link of the one
 * before it in its device's chain. These tests play the attacker with write
 * access to IndexedDB: delete a line, swap or move one, slip one in, or
 * "redact" one without a coordinator's key.
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { toBase64 } from '../crypto/bytes';
import { sha256Base64 } from '../crypto/digest';
import { hmac } from '../crypto/subkeys';
import { auditEntry, type AuditAction, type AuditEntry } from '../domain/audit';
import { canonicalJson, linkInput } from '../domain/audit-chain';
import { aStaffMember } from '../testing/factories';
import { makeTestVault, setUpOrganisation, TEST_PASSPHRASE } from '../testing/vault-fixture';
import { AUDIT_CHAIN_KEY } from './audit-log';
import { upgradeBackupTables } from './migrations';
import { createRepositories } from './repositories';
import { AplisDatabase, type AuditRow } from './schema';

const ACTIONS: AuditAction[] = [
  'referral-created',
  'screening-created',
  'screening-outcome-overridden',
  'enrolment-override',
  'enrolled',
];

async function logWithLines(count = ACTIONS.length) {
  const t = makeTestVault();
  const { staffId } = await setUpOrganisation(t);
  const entries: AuditEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    const entry = auditEntry(
      {
        actorId: staffId,
        action: ACTIONS[i % ACTIONS.length]!,
        subject: { table: 'participants', id: crypto.randomUUID() },
      },
      new Date(Date.UTC(2026, 2, 1 + i, 10)),
    );
    await t.repos.audit.put(entry);
    entries.push(entry);
  }
  /** The stored row of the n-th line written (1-based), as the attacker sees it. */
  const rowOf = async (n: number) => (await t.db.audit.get(entries[n - 1]!.id))!;
  return { t, staffId, entries, rowOf };
}

const named = (e: AuditEntry) => ({ at: e.at, action: e.action });

describe('the audit chain', () => {
  it('reports an untouched log as intact', async () => {
    const { t } = await logWithLines();
    expect(await t.repos.audit.verify()).toEqual({
      intact: true,
      lines: 5,
      redacted: 0,
      unchained: 0,
    });
  });

  it('keeps the action and time out of the clear columns', async () => {
    const { t } = await logWithLines();
    for (const row of await t.db.audit.toArray()) {
      expect(row).not.toHaveProperty('action');
      expect(row).not.toHaveProperty('at');
      const { sealed: _sealed, ...clear } = row;
      const text = JSON.stringify(clear);
      for (const action of ACTIONS) expect(text).not.toContain(action);
      expect(text).not.toContain('2026-03');
    }
    // Still all there for a coordinator.
    expect((await t.repos.audit.list()).items.map((e) => e.action).sort()).toEqual(
      [...ACTIONS].sort(),
    );
  });

  it('names the line before a deleted one', async () => {
    const { t, entries } = await logWithLines();
    await t.db.audit.delete(entries[2]!.id);
    expect(await t.repos.audit.verify()).toMatchObject({
      intact: false,
      first: { kind: 'missing', after: named(entries[1]!) },
    });
  });

  it('reports a missing first line', async () => {
    const { t, entries } = await logWithLines();
    await t.db.audit.delete(entries[0]!.id);
    expect(await t.repos.audit.verify()).toEqual({
      intact: false,
      first: { kind: 'missing' },
      lines: 4,
    });
  });

  it('finds a line whose sealed bytes were swapped for another line’s', async () => {
    const { t, entries, rowOf } = await logWithLines();
    const [second, fourth] = [await rowOf(2), await rowOf(4)];
    await t.db.audit.update(second.id, { sealed: fourth.sealed });
    await t.db.audit.update(fourth.id, { sealed: second.sealed });
    expect(await t.repos.audit.verify()).toMatchObject({
      intact: false,
      first: { kind: 'unreadable', after: named(entries[0]!) },
    });
  });

  it('finds lines moved to another place in the chain', async () => {
    const { t, entries, rowOf } = await logWithLines();
    const [second, fourth] = [await rowOf(2), await rowOf(4)];
    // Swap their places: each keeps its content and digest, takes the other's number and links.
    const place = (r: AuditRow) => ({ seq: r.seq, prev: r.prev, link: r.link });
    await t.db.audit.update(second.id, place(fourth));
    await t.db.audit.update(fourth.id, place(second));
    expect(await t.repos.audit.verify()).toMatchObject({
      intact: false,
      first: { kind: 'changed', entry: named(entries[3]!) },
    });
  });

  it('finds a line slipped in, even one whose link a team member computed', async () => {
    const { t, staffId, entries, rowOf } = await logWithLines();
    const third = await rowOf(3);
    const forged = auditEntry(
      {
        actorId: staffId,
        action: 'enrolment-override',
        subject: { table: 'participants', id: crypto.randomUUID() },
      },
      new Date(Date.UTC(2026, 2, 3, 12)),
    );
    const payload = { ...forged, nonce: 'x' };
    const digest = await sha256Base64(canonicalJson(payload));
    const fields = { chain: third.chain!, seq: 3, prev: third.prev!, digest, by: 'team' as const };
    const link = toBase64(await hmac(await t.vault.teamSubkey('auditChain'), linkInput(fields)));
    await t.db.audit.add({
      id: forged.id,
      sealed: await t.vault.seal('audit', forged.id, payload),
      updatedAt: Date.now(),
      ...fields,
      link,
    });
    const verdict = await t.repos.audit.verify();
    expect(verdict).toMatchObject({
      intact: false,
      first: { kind: 'changed', entry: named(forged) },
    });
    expect(entries).toHaveLength(5);
  });

  it('finds a line slipped in at the end by someone without a key', async () => {
    const { t, rowOf } = await logWithLines();
    const last = await rowOf(5);
    const copy = await rowOf(2);
    await t.db.audit.add({
      ...copy,
      id: crypto.randomUUID(),
      seq: 6,
      prev: last.link!,
      link: toBase64(new Uint8Array(32)),
    });
    expect(await t.repos.audit.verify()).toMatchObject({ intact: false });
  });

  it('stays intact when an erasure empties a line, and says so', async () => {
    const { t, entries } = await logWithLines();
    await t.repos.audit.redactAuditEntries([entries[1]!.id]);
    const row = (await t.db.audit.get(entries[1]!.id))!;
    expect(row.sealed.byteLength).toBe(0);
    expect(await t.repos.audit.verify()).toEqual({
      intact: true,
      lines: 5,
      redacted: 1,
      unchained: 0,
    });
    expect((await t.repos.audit.list()).items.map((e) => e.id)).not.toContain(entries[1]!.id);
  });

  it('does not let anyone without the coordinator key empty a line', async () => {
    const { t, entries, rowOf } = await logWithLines();
    const second = await rowOf(2);
    await t.db.audit.put({
      ...second,
      sealed: new Uint8Array(0),
      redacted: toBase64(new Uint8Array(32)),
    });
    expect(await t.repos.audit.verify()).toMatchObject({
      intact: false,
      first: { kind: 'unreadable', after: named(entries[0]!) },
    });
  });

  it('does not fork the chain when writers on two connections write at once', async () => {
    const t = makeTestVault();
    const { staffId } = await setUpOrganisation(t);
    // A second tab: its own connection to the same database, the same keys.
    const otherTab = createRepositories(new AplisDatabase(t.db.name), t.vault);
    const line = (action: AuditAction) =>
      auditEntry({ actorId: staffId, action, subject: { table: 'cohorts', id: 'c1' } });
    await Promise.all([
      ...Array.from({ length: 6 }, () => t.repos.audit.put(line('enrolled'))),
      ...Array.from({ length: 6 }, () => otherTab.audit.put(line('withdrawn'))),
      t.repos.audit.append([line('waitlisted'), line('place-offered')], [t.db.cohorts], () =>
        Promise.resolve(),
      ),
    ]);
    const rows = await t.db.audit.toArray();
    expect(new Set(rows.map((r) => r.chain)).size).toBe(1);
    expect(rows.map((r) => r.seq).sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: 14 }, (_, i) => i + 1),
    );
    expect(await t.repos.audit.verify()).toMatchObject({ intact: true, lines: 14 });
  });

  it('checks each device’s chain on its own, ordered by number', async () => {
    const { t, staffId, entries } = await logWithLines(3);
    // The lines another device wrote arrive with a merge: a chain of their own.
    await t.db.meta.put({ key: AUDIT_CHAIN_KEY, value: 'other-device' });
    const theirs: AuditEntry[] = [];
    for (let i = 0; i < 3; i += 1) {
      const entry = auditEntry(
        { actorId: staffId, action: 'withdrawn', subject: { table: 'cohorts', id: 'c1' } },
        // Dated between this device's lines: chains do not need to interleave by time.
        new Date(Date.UTC(2026, 2, 1 + i, 11)),
      );
      await t.repos.audit.put(entry);
      theirs.push(entry);
    }
    expect(await t.repos.audit.verify()).toMatchObject({ intact: true, lines: 6 });
    await t.db.audit.delete(theirs[1]!.id);
    expect(await t.repos.audit.verify()).toMatchObject({
      intact: false,
      first: { kind: 'missing', after: named(theirs[0]!) },
    });
    expect(entries).toHaveLength(3);
  });

  it('accepts a facilitator’s concern line, linked under the team key', async () => {
    const t = makeTestVault();
    const { staffId } = await setUpOrganisation(t);
    await t.repos.audit.put(
      auditEntry({ actorId: staffId, action: 'enrolled', subject: { table: 'cohorts', id: 'c' } }),
    );
    const facilitator = aStaffMember({ role: 'facilitator', displayName: 'Anna' });
    await t.repos.staff.put(facilitator);
    await t.keyring.setPassphrase(facilitator.id, 'the facilitator passphrase');
    t.vault.lock();
    await t.keyring.unlock('the facilitator passphrase', 'passphrase');
    expect(t.vault.hasCoordinatorKey).toBe(false);
    await t.repos.audit.put(
      auditEntry({
        actorId: facilitator.id,
        action: 'concern-raised',
        subject: { table: 'concerns', id: 'k1' },
        related: { followUpId: 'f1' },
      }),
    );
    // A facilitator cannot read the log at all.
    expect((await t.repos.audit.list()).items).toEqual([]);
    t.vault.lock();
    await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
    expect((await t.db.audit.toArray()).map((r) => r.by).sort()).toEqual(['coordinator', 'team']);
    expect(await t.repos.audit.verify()).toMatchObject({ intact: true, lines: 2 });
  });
});

describe('schema version 9: the audit action leaves the clear columns', () => {
  it('strips the clear action and time from older lines, keeping their sealed payload', async () => {
    const t = makeTestVault();
    const { staffId } = await setUpOrganisation(t);
    const entry = auditEntry({
      actorId: staffId,
      action: 'screening-outcome-overridden',
      subject: { table: 'screenings', id: 's1' },
    });
    const sealed = await t.vault.seal('audit', entry.id, entry);
    t.db.close();

    const name = `aplis-test-v9-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    old.version(7).stores({ meta: '&key', audit: '&id, at, action, updatedAt' });
    await old.table('audit').add({
      id: entry.id,
      sealed,
      updatedAt: 5,
      at: Date.parse(entry.at),
      action: entry.action,
    });
    old.close();

    const db = new AplisDatabase(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(9);
    expect(await db.audit.toArray()).toEqual([{ id: entry.id, sealed, updatedAt: 5 }]);
    // The payload still opens to the whole entry, action included.
    const repos = createRepositories(db, t.vault);
    expect(await repos.audit.get(entry.id)).toEqual(entry);
    // A line from before the chain is counted, not a break.
    expect(await repos.audit.verify()).toEqual({
      intact: true,
      lines: 1,
      redacted: 0,
      unchained: 1,
    });
    db.close();
    await Dexie.delete(name);
  });

  it('drops the clear action and time from an older backup’s lines on restore or merge', () => {
    const line = { id: 'a1', sealed: new Uint8Array(40), updatedAt: 5 };
    const tables = upgradeBackupTables({
      audit: [{ ...line, at: 1_700_000_000_000, action: 'enrolment-override' }],
    });
    expect(tables.audit).toEqual([line]);
  });
});
