/**
 * The outbox's window: what a push pass reads again. A write stamped before a
 * pass began but committed after it must still go out; rows written long ago
 * must not be read on every pass (a seeded or first-pulled organisation has
 * tens of thousands of them, and a pass runs every few seconds).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aParticipant } from '../backup/test-data';
import { makeTestVault, setUpOrganisation } from '../../testing/vault-fixture';
import { OUTBOX_MARGIN_MS, readOutbox, rereadTable } from './outbox';

const participantIds = async (t: ReturnType<typeof makeTestVault>) =>
  (await readOutbox(t.db)).rows
    .filter((r) => r.table === 'participants')
    .map((r) => r.record.id)
    .sort();

afterEach(() => {
  vi.restoreAllMocks();
});

describe('outbox', () => {
  it('reads a bulk of old writes once they are a margin behind, not on every pass after', async () => {
    const t = makeTestVault();
    await setUpOrganisation(t);
    const people = [aParticipant(), aParticipant(), aParticipant()];
    await t.repos.participants.bulkPut(people);
    const written = Date.now();

    const first = await readOutbox(t.db);
    expect(first.rows.filter((r) => r.table === 'participants')).toHaveLength(3);
    await first.commit();
    // Within the margin they are read again (one may have committed late)…
    expect(await participantIds(t)).toEqual(people.map((p) => p.id).sort());

    // …but a pass that begins more than a margin later moves past them for good.
    vi.spyOn(Date, 'now').mockReturnValue(written + OUTBOX_MARGIN_MS + 1_000);
    await (await readOutbox(t.db)).commit();
    expect(await participantIds(t)).toEqual([]);
    expect(await participantIds(t)).toEqual([]);
  });

  it('still finds a write stamped before a pass began and committed after it', async () => {
    const t = makeTestVault();
    await setUpOrganisation(t);
    const base = Date.now() + 10 * OUTBOX_MARGIN_MS;
    const clock = vi.spyOn(Date, 'now').mockReturnValue(base);
    await (await readOutbox(t.db)).commit();
    expect(await participantIds(t)).toEqual([]);

    // Stamped five seconds before that pass began, committed only now.
    clock.mockReturnValue(base - 5_000);
    const late = aParticipant();
    await t.repos.participants.put(late);
    clock.mockReturnValue(base + 1_000);
    const next = await readOutbox(t.db);
    expect(next.rows.map((r) => r.record.id)).toContain(late.id);
  });

  it('reads a table whole once when asked (a re-seal kept its rows’ stamps), and again if asked again meanwhile', async () => {
    const t = makeTestVault();
    await setUpOrganisation(t);
    const people = [aParticipant(), aParticipant()];
    await t.repos.participants.bulkPut(people);
    const written = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(written + OUTBOX_MARGIN_MS + 1_000);
    await (await readOutbox(t.db)).commit();
    expect(await participantIds(t)).toEqual([]);

    await rereadTable(t.db, 'participants');
    const pass = await readOutbox(t.db);
    expect(pass.rows.filter((r) => r.table === 'participants')).toHaveLength(2);
    expect(pass.rows.filter((r) => r.table === 'staff')).toHaveLength(0); // only that table
    // Asked again while that pass was on its way: its commit leaves the new request.
    await rereadTable(t.db, 'participants');
    await pass.commit();
    expect(await participantIds(t)).toEqual(people.map((p) => p.id).sort());
    await (await readOutbox(t.db)).commit();
    expect(await participantIds(t)).toEqual([]);
  });
});
