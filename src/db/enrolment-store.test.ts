// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { auditEntry } from '../domain/audit';
import { planEnrol, planLeave } from '../domain/enrolment';
import type { Referral } from '../domain/referral';
import type { Screening } from '../domain/screening';
import { screeningFollowUp } from '../domain/follow-up';
import { aCohort, aParticipant } from '../testing/factories';
import { dumpDatabase, makeTestVault, setUpOrganisation } from '../testing/vault-fixture';
import { enrolmentStore } from './enrolment-store';
import { tombstoneIdFor } from './tombstones';

function aReferral(participantId: string): Referral {
  return {
    id: crypto.randomUUID(),
    participantId,
    legalName: '',
    dateOfBirth: '2010-01-01',
    referrer: { role: 'social-worker', organisation: '', contact: '' },
    reason: 'Needs peer support.',
    consent: { youngPerson: true, guardian: true },
    referredOn: '2026-11-23',
    createdAt: new Date().toISOString(),
  };
}

describe('the enrolment store', () => {
  it('saves a participant, their referral and the audit entry together', async () => {
    const t = makeTestVault();
    const { staffId } = await setUpOrganisation(t);
    const store = enrolmentStore(t.db, t.repos);
    const p = aParticipant({ code: 'L26-01', chosenName: 'Līva' });
    const r = aReferral(p.id);
    await store.createReferral(p, r, [
      auditEntry({
        actorId: staffId,
        action: 'referral-created',
        subject: { table: 'referrals', id: r.id },
      }),
    ]);
    expect((await t.repos.participants.get(p.id))?.code).toBe('L26-01');
    expect((await t.repos.referrals.listWhere('participantId', p.id)).items[0]?.reason).toBe(
      'Needs peer support.',
    );
    expect((await t.repos.audit.list()).items.map((e) => e.action)).toEqual(['referral-created']);
    // The participant record holds no referral content.
    expect(JSON.stringify(await t.repos.participants.get(p.id))).not.toContain('peer support');
  });

  it('writes nothing when part of a referral cannot be saved', async () => {
    const t = makeTestVault();
    const { staffId } = await setUpOrganisation(t);
    const store = enrolmentStore(t.db, t.repos);
    const p = aParticipant({ code: 'L26-01', chosenName: 'Līva' });
    await store.createReferral(p, aReferral(p.id), []);
    const before = await dumpDatabase(t.db);
    // Same participant id again: refused inside the transaction, nothing else written.
    await expect(
      store.createReferral({ ...p, code: 'L26-02' }, aReferral(p.id), [
        auditEntry({
          actorId: staffId,
          action: 'referral-created',
          subject: { table: 'referrals', id: 'x' },
        }),
      ]),
    ).rejects.toThrow();
    expect(await dumpDatabase(t.db)).toEqual(before);
  });

  it('keeps the cohort roster and the enrolment rows in step, and offers a freed place', async () => {
    const t = makeTestVault();
    await setUpOrganisation(t);
    const store = enrolmentStore(t.db, t.repos);
    const cohort = aCohort('Lotus', { capacity: 1, participantIds: [] });
    await t.repos.cohorts.put(cohort);
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
    const today = '2026-11-23';

    const first = planEnrol({
      cohort,
      participantId: a,
      status: 'enrolled',
      enrolments: [],
      today,
    });
    await store.applyEnrolmentChange({
      enrolments: first.enrolments,
      cohorts: [first.cohort],
      audit: [],
    });
    const waiting = planEnrol({
      cohort: first.cohort,
      participantId: b,
      status: 'waitlisted',
      enrolments: first.enrolments,
      today,
    });
    await store.applyEnrolmentChange({
      enrolments: waiting.enrolments,
      cohorts: [waiting.cohort],
      audit: [],
    });
    expect((await t.repos.cohorts.get(cohort.id))?.participantIds).toEqual([a]);

    const all = (await t.repos.enrolments.list()).items;
    const leave = planLeave({
      enrolment: all.find((e) => e.participantId === a)!,
      cohort: (await t.repos.cohorts.get(cohort.id))!,
      enrolments: all,
      today,
      reason: 'Moved away',
    });
    await store.applyEnrolmentChange({
      enrolments: leave.enrolments,
      cohorts: [leave.cohort],
      audit: [],
    });
    expect((await t.repos.cohorts.get(cohort.id))?.participantIds).toEqual([]);
    const rows = (await t.repos.enrolments.listWhere('cohortId', cohort.id)).items;
    expect(rows.map((e) => [e.participantId, e.status]).sort()).toEqual(
      [
        [a, 'withdrawn'],
        [b, 'offered'],
      ].sort(),
    );
  });

  it('refuses a change to a cohort that is gone, writing none of it', async () => {
    const t = makeTestVault();
    await setUpOrganisation(t);
    const store = enrolmentStore(t.db, t.repos);
    const cohort = aCohort('Gone');
    const change = planEnrol({
      cohort,
      participantId: crypto.randomUUID(),
      status: 'enrolled',
      enrolments: [],
      today: '2026-11-23',
    });
    await expect(
      store.applyEnrolmentChange({
        enrolments: change.enrolments,
        cohorts: [change.cohort],
        audit: [],
      }),
    ).rejects.toThrow('cohort is gone');
    expect((await t.repos.enrolments.list()).items).toEqual([]);
  });
});

describe('completing a screening', () => {
  it('replaces its draft, leaving a tombstone so an older backup cannot bring the draft back', async () => {
    const t = makeTestVault();
    const { staffId } = await setUpOrganisation(t);
    const person = aParticipant({ code: 'L26-09', chosenName: 'Līva' });
    const draftId = `screening:${person.id}`;
    await t.repos.drafts.put({
      id: draftId,
      value: { rationale: 'half typed' },
      savedAt: new Date().toISOString(),
    });
    expect(await t.db.drafts.get(draftId)).toBeDefined();

    await enrolmentStore(t.db, t.repos).completeScreening(
      {
        id: crypto.randomUUID(),
        participantId: person.id,
        template: { id: 'default', version: 1, language: 'en' },
        questions: [],
        answers: {},
        conversations: [],
        needs: Object.fromEntries(
          (['safety', 'health', 'legal', 'welfare', 'education'] as const).map((a) => [
            a,
            { need: '', helpedBy: '' },
          ]),
        ) as Screening['needs'],
        groupFit: { language: 'lv', composition: 'any', accessNeeds: '', times: '' },
        proposedOutcome: 'group',
        outcome: 'group',
        rationale: 'Ready for the group.',
        completedOn: '2026-11-23',
        completedBy: staffId,
        createdAt: new Date().toISOString(),
      },
      draftId,
      [],
    );
    expect(await t.db.drafts.get(draftId)).toBeUndefined();
    expect(
      await t.db.tombstones.get(await tombstoneIdFor(t.vault, 'drafts', draftId)),
    ).toBeDefined();
    expect(await t.db.screenings.count()).toBe(1);
  });

  it('saves the follow-ups and the individual-support plan with it, sealed', async () => {
    const t = makeTestVault();
    const { staffId } = await setUpOrganisation(t);
    const person = aParticipant({ code: 'L26-10', chosenName: 'Līva' });
    const screeningId = crypto.randomUUID();
    const pathway = {
      id: crypto.randomUUID(),
      participantId: person.id,
      screeningId,
      keyWorkerId: staffId,
      agreedSupport: 'Weekly talks with Ilze; a psychiatrist on Tuesday.',
      reviewOn: '2026-12-16',
      groupScreeningFrom: '2027-01-15',
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    };
    const followUps = [
      screeningFollowUp({
        kind: 'screening-next-step',
        participantId: person.id,
        screeningId,
        ownerId: staffId,
        dueDate: '2026-12-02',
      }),
      screeningFollowUp({
        kind: 'support-review',
        participantId: person.id,
        screeningId,
        ownerId: staffId,
        dueDate: '2026-12-16',
        pathwayId: pathway.id,
      }),
    ];
    await enrolmentStore(t.db, t.repos).completeScreening(
      {
        id: screeningId,
        participantId: person.id,
        template: { id: 'aplis-safety', version: 2, language: 'en' },
        questions: [],
        answers: {},
        conversations: [],
        needs: Object.fromEntries(
          (['safety', 'health', 'legal', 'welfare', 'education'] as const).map((a) => [
            a,
            { need: '', helpedBy: '' },
          ]),
        ) as Screening['needs'],
        groupFit: { language: 'lv', composition: 'any', accessNeeds: '', times: '' },
        proposedOutcome: 'individual-support',
        outcome: 'individual-support',
        rationale: 'Thoughts of self-harm now.',
        nextStep: { ownerId: staffId, by: '2026-12-02' },
        completedOn: '2026-12-02',
        completedBy: staffId,
        createdAt: new Date().toISOString(),
      },
      `screening:${person.id}`,
      [],
      { followUps, pathway },
    );
    const saved = await t.repos.followUps.listWhere('participantId', person.id);
    expect(saved.items.map((f) => [f.kind, f.ownerId, f.dueDate]).sort()).toEqual([
      ['screening-next-step', staffId, '2026-12-02'],
      ['support-review', staffId, '2026-12-16'],
    ]);
    expect((await t.repos.supportPathways.get(pathway.id))?.agreedSupport).toBe(
      pathway.agreedSupport,
    );
    expect(JSON.stringify(await dumpDatabase(t.db))).not.toContain('psychiatrist');
  });
});
