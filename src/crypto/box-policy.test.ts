import { describe, expect, it } from 'vitest';
import { boxAccepts } from './box-policy';

const uuid = () => crypto.randomUUID();

function concernFollowUp(overrides: Record<string, unknown> = {}) {
  const id = uuid();
  return {
    id,
    kind: 'concern',
    status: 'open',
    concernId: uuid(),
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    ...overrides,
  };
}

function concernRaised(overrides: Record<string, unknown> = {}) {
  return {
    id: uuid(),
    at: '2026-12-01T10:00:00.000Z',
    actorId: uuid(),
    action: 'concern-raised',
    subject: { table: 'concerns', id: uuid() },
    related: { meetingId: uuid(), followUpId: uuid() },
    ...overrides,
  };
}

describe('which rows may be sealed boxes', () => {
  it('accepts a concern, its open follow-up and its concern-raised audit line', () => {
    const concern = { id: uuid(), seenOrSaid: 'x' };
    expect(boxAccepts('concerns', concern.id, concern)).toBe(true);
    const followUp = concernFollowUp();
    expect(boxAccepts('followUps', followUp.id, followUp)).toBe(true);
    const audit = concernRaised();
    expect(boxAccepts('audit', audit.id, audit)).toBe(true);
  });

  it('refuses every other coordinators’ table', () => {
    for (const table of [
      'screenings',
      'referrals',
      'supportPathways',
      'measureResponses',
      'drafts',
    ])
      expect(boxAccepts(table, 'x', { id: 'x' })).toBe(false);
  });

  it('refuses follow-ups and audit lines that raising a concern does not make', () => {
    const absence = concernFollowUp({ kind: 'absence-run' });
    expect(boxAccepts('followUps', absence.id, absence)).toBe(false);
    const closed = concernFollowUp({ status: 'closed', closingNote: 'done', closedBy: uuid() });
    expect(boxAccepts('followUps', closed.id, closed)).toBe(false);
    const assigned = concernFollowUp({ ownerId: uuid() });
    expect(boxAccepts('followUps', assigned.id, assigned)).toBe(false);
    const noConcern = concernFollowUp({ concernId: undefined });
    expect(boxAccepts('followUps', noConcern.id, noConcern)).toBe(false);
    const override = concernRaised({ action: 'screening-outcome-overridden' });
    expect(boxAccepts('audit', override.id, override)).toBe(false);
    const aboutScreening = concernRaised({ subject: { table: 'screenings', id: uuid() } });
    expect(boxAccepts('audit', aboutScreening.id, aboutScreening)).toBe(false);
  });

  it('refuses a payload whose id is not the row’s', () => {
    const followUp = concernFollowUp();
    expect(boxAccepts('followUps', uuid(), followUp)).toBe(false);
  });
});
