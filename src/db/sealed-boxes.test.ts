// @vitest-environment node
/**
 * Sealed boxes in the stores, attacked as the issue describes: with no key at
 * all, only write access to IndexedDB and the box public key that sits in the
 * clear in the keyring.
 */
import { describe, expect, it } from 'vitest';
import { DamagedRecordError, isVaultError } from '../crypto/errors';
import { sealLegacyBox } from '../crypto/legacy-box.testing';
import { boxFormat, generateBoxKeys, importBoxPublicKey, sealToBox } from '../crypto/sealed-box';
import { measureRecordId, screeningDraftId } from '../crypto/record-ids';
import { hmac } from '../crypto/subkeys';
import { auditEntry } from '../domain/audit';
import type { Concern } from '../domain/concern';
import { newFollowUp } from '../domain/follow-up';
import type { Referral } from '../domain/referral';
import { emptyNeeds, type Screening } from '../domain/screening';
import { aStaffMember } from '../testing/factories';
import { makeTestVault, setUpOrganisation, TEST_PASSPHRASE } from '../testing/vault-fixture';
import { BOX_KEY_REPAIRED } from './box-key';
import { BOX_LEDGER_SWEPT } from './box-ledger';
import { BOX_ID } from './keyring-wraps';
import { meetingStore } from './meeting-store';
import type { CoordinatorBoxRow, SealedRow } from './schema';

const FACILITATOR_PASSPHRASE = 'the facilitator passphrase';
const meetingId = crypto.randomUUID();
const cohortId = crypto.randomUUID();
const participantId = crypto.randomUUID();

async function device() {
  const t = makeTestVault();
  const { staffId: coordinatorId } = await setUpOrganisation(t);
  const facilitator = aStaffMember({ role: 'facilitator', displayName: 'Anna' });
  await t.repos.staff.put(facilitator);
  await t.keyring.setPassphrase(facilitator.id, FACILITATOR_PASSPHRASE);
  return { t, coordinatorId, facilitator, store: meetingStore(t.db, t.repos) };
}
type Device = Awaited<ReturnType<typeof device>>;

function aConcern(raisedBy: string, seenOrSaid = 'She said “he keeps my passport”.'): Concern {
  return {
    id: crypto.randomUUID(),
    meetingId,
    cohortId,
    type: 'disclosure',
    participantId,
    seenOrSaid,
    actionTaken: 'Listened.',
    stepsDone: [],
    raisedBy,
    raisedAt: new Date().toISOString(),
  };
}

/** The three rows raising a concern writes (features/meeting: useRaiseConcernMutation). */
function raising(raisedBy: string, seenOrSaid?: string) {
  const concern = aConcern(raisedBy, seenOrSaid);
  const followUp = newFollowUp(
    { kind: 'concern', concernId: concern.id, meetingId, cohortId, participantId },
    '2026-11-16',
  );
  const audit = auditEntry({
    actorId: raisedBy,
    action: 'concern-raised',
    subject: { table: 'concerns', id: concern.id },
    related: { meetingId, followUpId: followUp.id },
  });
  return { concern, followUp, audit };
}

function aScreening(outcome: Screening['outcome'], completedBy: string): Screening {
  return {
    id: crypto.randomUUID(),
    participantId,
    template: { id: 'aplis-safety', version: 1, language: 'en' },
    questions: [
      { id: 'exploiter-contact', text: 'q', risk: { yes: 'red', no: 'green', unsure: 'amber' } },
    ],
    answers: { 'exploiter-contact': { answer: outcome === 'group' ? 'no' : 'yes', note: '' } },
    conversations: [],
    needs: emptyNeeds(),
    groupFit: { language: 'lv', composition: 'any', accessNeeds: '', times: '' },
    proposedOutcome: outcome,
    outcome,
    rationale: 'As answered.',
    completedOn: '2026-11-20',
    completedBy,
    createdAt: '2026-11-20T10:00:00.000Z',
  };
}

function aReferral(): Referral {
  return {
    id: crypto.randomUUID(),
    participantId,
    legalName: '',
    dateOfBirth: '2010-01-01',
    referrer: { role: 'social-worker', organisation: '', contact: '' },
    reason: 'Needs individual support first.',
    consent: { youngPerson: true, guardian: true },
    referredOn: '2026-11-23',
    createdAt: new Date().toISOString(),
  };
}

/**
 * The attacker: the clear public key from the keyring, and anything sealed to
 * it — as a well-formed version-1 row (envelope, version in the additional
 * data, clear stamps to match: db/row-meta.ts), so only the box rules stop it.
 */
const FORGED_AT = Date.now();
async function forgeBox(t: Device['t'], table: string, id: string, value: unknown) {
  const row = (await t.db.keyring.get(BOX_ID)) as CoordinatorBoxRow;
  const envelope = { m: { v: 1, t: FORGED_AT, a: '' }, b: value };
  return sealToBox(await importBoxPublicKey(row.publicKey), table, id, envelope, 1);
}

async function writeRow(t: Device['t'], table: string, id: string, sealed: Uint8Array) {
  const existing = await t.db.table<SealedRow, string>(table).get(id);
  await t.db.table(table).put({
    ...existing,
    id,
    sealed: sealed as SealedRow['sealed'],
    version: 1,
    updatedAt: FORGED_AT,
  });
}

/** Puts back bytes a device really held, with their own clear stamps. */
async function putBack(t: Device['t'], table: string, row: SealedRow) {
  await t.db.table(table).put(row);
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e,
  );

async function asCoordinator(t: Device['t']) {
  t.vault.lock();
  await t.keyring.unlock(TEST_PASSPHRASE, 'passphrase');
}

async function asFacilitator(t: Device['t']) {
  t.vault.lock();
  await t.keyring.unlock(FACILITATOR_PASSPHRASE, 'passphrase');
}

describe('a box written with only the public key', () => {
  it('cannot replace an existing screening, referral, audit entry or follow-up', async () => {
    const { t, coordinatorId, store } = await device();
    // A coordinator's records: a red screening and its audit line, a referral,
    // a concern they raised (follow-up and audit line too), an absence follow-up.
    const screening = aScreening('individual-support', coordinatorId);
    await t.repos.screenings.put(screening);
    const referral = aReferral();
    await t.repos.referrals.put(referral);
    const outcomeSet = auditEntry({
      actorId: coordinatorId,
      action: 'screening-outcome-set',
      subject: { table: 'screenings', id: screening.id },
    });
    await t.repos.audit.put(outcomeSet);
    const own = raising(coordinatorId);
    await store.raiseConcern(own.concern, own.followUp, own.audit);
    const absence = newFollowUp(
      {
        id: crypto.randomUUID(),
        kind: 'absence-run',
        participantId,
        meetingId,
        cohortId,
        absences: 2,
      },
      '2026-11-16',
    );
    await store.addFollowUps([absence]);
    t.vault.lock();

    // The attacker, with no key: green screening, another actor, a fresh open follow-up...
    const stranger = crypto.randomUUID();
    const forged = {
      screenings: { ...aScreening('group', coordinatorId), id: screening.id },
      referrals: { ...referral, reason: 'No concerns at all.' },
      audit: { ...own.audit, actorId: stranger },
      followUps: { ...own.followUp, dueDate: '2030-01-01' },
    };
    await writeRow(
      t,
      'screenings',
      screening.id,
      await forgeBox(t, 'screenings', screening.id, forged.screenings),
    );
    await writeRow(
      t,
      'referrals',
      referral.id,
      await forgeBox(t, 'referrals', referral.id, forged.referrals),
    );
    await writeRow(
      t,
      'audit',
      own.audit.id,
      await forgeBox(t, 'audit', own.audit.id, forged.audit),
    );
    await writeRow(
      t,
      'audit',
      outcomeSet.id,
      await forgeBox(t, 'audit', outcomeSet.id, { ...outcomeSet, actorId: stranger }),
    );
    await writeRow(
      t,
      'followUps',
      own.followUp.id,
      await forgeBox(t, 'followUps', own.followUp.id, forged.followUps),
    );
    await writeRow(
      t,
      'followUps',
      absence.id,
      await forgeBox(t, 'followUps', absence.id, {
        ...absence,
        kind: 'concern',
        concernId: own.concern.id,
      }),
    );

    await asCoordinator(t);
    for (const [repo, id] of [
      [t.repos.screenings, screening.id],
      [t.repos.referrals, referral.id],
      [t.repos.audit, own.audit.id],
      [t.repos.audit, outcomeSet.id],
      [t.repos.followUps, own.followUp.id],
      [t.repos.followUps, absence.id],
    ] as const) {
      expect(await failure((repo as typeof t.repos.audit).get(id))).toBeInstanceOf(
        DamagedRecordError,
      );
    }
    const audit = await t.repos.audit.list();
    expect(audit.damaged.sort()).toEqual([own.audit.id, outcomeSet.id].sort());
    expect(audit.items.some((e) => e.actorId === stranger)).toBe(false);
    expect((await t.repos.screenings.list()).items).toEqual([]);
  });

  it('cannot replace rows that were on the device before the ledger came, from its first unlock on', async () => {
    const { t, coordinatorId, store } = await device();
    const own = raising(coordinatorId);
    await store.raiseConcern(own.concern, own.followUp, own.audit);
    // An older device: no ledger yet.
    const entries = await t.db.meta.where('key').startsWith('box-ledger:').primaryKeys();
    await t.db.meta.bulkDelete([...entries, BOX_LEDGER_SWEPT]);
    await asFacilitator(t); // any unlock sweeps once
    t.vault.lock();
    await writeRow(
      t,
      'concerns',
      own.concern.id,
      await forgeBox(t, 'concerns', own.concern.id, {
        ...own.concern,
        seenOrSaid: 'Nothing happened.',
      }),
    );
    await asCoordinator(t);
    expect(await failure(t.repos.concerns.get(own.concern.id))).toBeInstanceOf(DamagedRecordError);
  });

  it('is refused as a new row anywhere but a concern, its follow-up and its audit line', async () => {
    const { t, coordinatorId } = await device();
    const measureId = await measureRecordId(t.vault, cohortId, participantId, 'before');
    const draftId = await screeningDraftId(t.vault, participantId);
    t.vault.lock();
    const id = crypto.randomUUID();
    const screening = { ...aScreening('group', coordinatorId), id };
    const followUp = newFollowUp(
      { id, kind: 'absence-run', participantId, meetingId, cohortId, absences: 3 },
      '2026-11-16',
    );
    const override = auditEntry({
      actorId: coordinatorId,
      action: 'screening-outcome-overridden',
      subject: { table: 'screenings', id: screening.id },
    });
    const rows: [string, string, unknown][] = [
      ['screenings', id, screening],
      ['referrals', id, { ...aReferral(), id }],
      ['supportPathways', id, { id, participantId }],
      ['measureResponses', measureId, {}],
      ['drafts', draftId, {}],
      ['followUps', id, followUp],
      ['audit', override.id, override],
    ];
    for (const [table, rowId, value] of rows)
      await writeRow(
        t,
        table,
        rowId,
        await forgeBox(t, table, rowId, { ...(value as object), id: rowId }),
      );

    await asCoordinator(t);
    const repos = t.repos as unknown as Record<string, { get(id: string): Promise<unknown> }>;
    for (const [table, rowId] of rows)
      expect(await failure(repos[table]!.get(rowId)), table).toBeInstanceOf(DamagedRecordError);
  });
});

describe('the writer side', () => {
  it('boxes nothing but a concern, its follow-up and its audit line', async () => {
    const { t, facilitator, store } = await device();
    await asFacilitator(t);
    const refused = async (table: string, id: string, value: unknown) =>
      isVaultError(await failure(t.vault.seal(table, id, value)), 'coordinators-only');
    expect(await refused('screenings', 's1', { id: 's1' })).toBe(true);
    expect(await refused('referrals', 'r1', { id: 'r1' })).toBe(true);
    const absence = newFollowUp(
      { kind: 'absence-run', participantId, meetingId, cohortId, absences: 2 },
      '2026-11-16',
    );
    expect(await failure(store.addFollowUps([absence]))).not.toBeNull();
    const other = auditEntry({
      actorId: facilitator.id,
      action: 'plan-removed',
      subject: { table: 'plans', id: 'p1' },
    });
    expect(await refused('audit', other.id, other)).toBe(true);
    expect(await t.db.followUps.count()).toBe(0);
  });
});

describe('a concern raised by a facilitator', () => {
  it('reaches the coordinators, is re-sealed under their key when first opened, and cannot be replayed as a box', async () => {
    const { t, facilitator, store } = await device();
    await asFacilitator(t);
    const raised = raising(facilitator.id);
    await store.raiseConcern(raised.concern, raised.followUp, raised.audit);
    const boxes = {
      concerns: (await t.db.concerns.get(raised.concern.id))!,
      followUps: (await t.db.followUps.get(raised.followUp.id))!,
      audit: (await t.db.audit.get(raised.audit.id))!,
    };
    expect(Object.values(boxes).map((row) => boxFormat(row.sealed))).toEqual([
      'hkdf',
      'hkdf',
      'hkdf',
    ]);
    // The facilitator cannot read back what they wrote.
    expect(
      isVaultError(await failure(t.repos.concerns.get(raised.concern.id)), 'coordinators-only'),
    ).toBe(true);

    await asCoordinator(t);
    expect(await t.repos.concerns.get(raised.concern.id)).toEqual(raised.concern);
    expect((await t.repos.followUps.list()).items).toEqual([raised.followUp]);
    const lines = (await t.repos.audit.list()).items;
    expect(
      lines.filter((l) => l.action === 'concern-raised').map(({ id, action }) => ({ id, action })),
    ).toEqual([{ id: raised.audit.id, action: 'concern-raised' }]);
    // Re-sealed in place: no longer boxes, and they still open.
    for (const table of ['concerns', 'followUps', 'audit'] as const) {
      const row = await t.db.table<SealedRow, string>(table).toArray();
      expect(boxFormat(row[0]!.sealed), table).toBeUndefined();
    }
    expect(await t.repos.concerns.get(raised.concern.id)).toEqual(raised.concern);

    // The original boxes put back (a replay): refused, the id has been re-sealed.
    await putBack(t, 'concerns', boxes.concerns);
    await putBack(t, 'followUps', boxes.followUps);
    expect(await failure(t.repos.concerns.get(raised.concern.id))).toBeInstanceOf(
      DamagedRecordError,
    );
    expect(await failure(t.repos.followUps.get(raised.followUp.id))).toBeInstanceOf(
      DamagedRecordError,
    );
  });

  it('still opens when it is a legacy box already on the device (raw ECDH key, before HKDF)', async () => {
    const { t, facilitator } = await device();
    const concern = aConcern(facilitator.id);
    const row = (await t.db.keyring.get(BOX_ID)) as CoordinatorBoxRow;
    const publicKey = await importBoxPublicKey(row.publicKey);
    const legacy = await sealLegacyBox(publicKey, 'concerns', concern.id, concern);
    await t.db.concerns.put({
      id: concern.id,
      meetingId,
      participantId,
      sealed: legacy,
      updatedAt: 1,
    });
    await asCoordinator(t);
    expect(await t.repos.concerns.get(concern.id)).toEqual(concern);
    expect(boxFormat((await t.db.concerns.get(concern.id))!.sealed)).toBeUndefined();
  });
});

describe('the box public key', () => {
  it('is refused by a facilitator when swapped without the team key: the concern is not sent and nothing is written', async () => {
    const { t, facilitator, store } = await device();
    const original = (await t.db.keyring.get(BOX_ID)) as CoordinatorBoxRow;
    const theirs = await generateBoxKeys();
    await t.db.keyring.put({ ...original, publicKey: theirs.publicRaw });
    await asFacilitator(t);
    const raised = raising(facilitator.id);
    const error = await failure(store.raiseConcern(raised.concern, raised.followUp, raised.audit));
    expect(isVaultError(error, 'box-key-untrusted')).toBe(true);
    expect(await t.db.concerns.count()).toBe(0);
  });

  it('swapped by a team member (with a valid MAC) is detected and repaired at the next coordinator unlock', async () => {
    const { t, facilitator, store } = await device();
    const original = (await t.db.keyring.get(BOX_ID)) as CoordinatorBoxRow;
    // A facilitator holds the team key, so can MAC a key of their own.
    await asFacilitator(t);
    const theirs = await generateBoxKeys();
    const mac = await hmac(await t.vault.teamSubkey('boxKeyMac'), theirs.publicRaw);
    await t.db.keyring.put({ ...original, publicKey: theirs.publicRaw, publicKeyMac: mac });
    expect(await t.db.meta.get(BOX_KEY_REPAIRED)).toBeUndefined();

    await asCoordinator(t);
    const repaired = (await t.db.keyring.get(BOX_ID)) as CoordinatorBoxRow;
    expect(Array.from(repaired.publicKey)).toEqual(Array.from(original.publicKey));
    expect(Array.from(repaired.publicKeyMac!)).toEqual(Array.from(original.publicKeyMac!));
    expect(await t.db.meta.get(BOX_KEY_REPAIRED)).toBeDefined();

    // Concerns reach the coordinators again.
    await asFacilitator(t);
    const raised = raising(facilitator.id);
    await store.raiseConcern(raised.concern, raised.followUp, raised.audit);
    await asCoordinator(t);
    expect(await t.repos.concerns.get(raised.concern.id)).toEqual(raised.concern);
  });

  it('gets its MAC at the next coordinator unlock on a device from before MACs, without a notice', async () => {
    const { t, facilitator, store } = await device();
    const row = (await t.db.keyring.get(BOX_ID)) as CoordinatorBoxRow;
    const { publicKeyMac: _mac, ...withoutMac } = row;
    await t.db.keyring.put(withoutMac);
    await asFacilitator(t);
    const first = raising(facilitator.id);
    expect(
      isVaultError(
        await failure(store.raiseConcern(first.concern, first.followUp, first.audit)),
        'box-key-untrusted',
      ),
    ).toBe(true);
    await asCoordinator(t);
    expect(((await t.db.keyring.get(BOX_ID)) as CoordinatorBoxRow).publicKeyMac).toBeDefined();
    expect(await t.db.meta.get(BOX_KEY_REPAIRED)).toBeUndefined();
    await asFacilitator(t);
    await store.raiseConcern(first.concern, first.followUp, first.audit);
    expect(await t.db.concerns.count()).toBe(1);
  });
});
