import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { todayInRiga } from '../../../../domain/calendar-date';
import type { Participant } from '../../../../domain/participant';
import { emptyNeeds, type Screening } from '../../../../domain/screening';
import { aCohort } from '../../../../testing/factories';
import { renderApp, SLOW } from '../../../../testing/render-app';

/** Someone added without a referral: only a birth year is known. */
function aPersonBornIn(birthYear: number): Participant {
  return {
    id: crypto.randomUUID(),
    code: 'L26-41',
    chosenName: 'Elza',
    gender: 'girl',
    birthYear,
    languages: ['lv'],
    createdAt: new Date().toISOString(),
  };
}

function aGroupScreening(participantId: string, completedBy: string): Screening {
  const today = todayInRiga();
  return {
    id: crypto.randomUUID(),
    participantId,
    template: { id: 'aplis-safety', version: 2, language: 'en' },
    questions: [],
    answers: {},
    conversations: [],
    needs: emptyNeeds(),
    groupFit: { language: 'lv', composition: 'any', accessNeeds: '', times: '' },
    proposedOutcome: 'group',
    outcome: 'group',
    rationale: 'Ready for a group.',
    completedOn: today,
    completedBy,
    createdAt: new Date().toISOString(),
  };
}

async function openEnrolForm(age: number) {
  const person = aPersonBornIn(Number(todayInRiga().slice(0, 4)) - age);
  const cohort = aCohort('Lotus test', { ageBand: { min: 14, max: 18 }, composition: 'mixed' });
  const app = await renderApp({
    setup: 'organisation',
    unlocked: true,
    route: `/participants/${person.id}`,
    seed: async ({ repos, vault }) => {
      await repos.participants.put(person);
      await repos.screenings.put(aGroupScreening(person.id, vault.session!.staffId));
      await repos.cohorts.put(cohort);
    },
  });
  const form = (await screen.findByRole('heading', { name: 'Enrol in a group' }, SLOW))
    .parentElement!;
  await app.user.selectOptions(within(form).getByLabelText('Group'), 'Lotus test');
  const saved = async () =>
    (await app.services.repos.enrolments.list()).items.filter((e) => e.participantId === person.id);
  return { app, form, saved };
}

describe('enrolling someone known only by birth year', () => {
  it('the preview and the save both take the age from the birth year: inside the band, no reason asked', async () => {
    const { app, form, saved } = await openEnrolForm(15);
    expect(within(form).queryByText('This group does not match in every way')).toBeNull();
    expect(within(form).queryByText(/The age is not known/)).toBeNull();

    await app.user.click(within(form).getByRole('button', { name: 'Enrol' }));
    expect(await within(form).findByText('Enrolled.', undefined, SLOW)).toBeInTheDocument();
    const [enrolment] = await saved();
    expect(enrolment?.status).toBe('enrolled');
    expect(enrolment?.overrideReason).toBeUndefined();
  });

  it('outside the band, the preview names the age and the save records the reason it needed', async () => {
    const { app, form, saved } = await openEnrolForm(20);
    expect(
      within(form).getByText('Age 20 is outside the group’s age band (14–18).'),
    ).toBeInTheDocument();

    await app.user.click(within(form).getByRole('button', { name: 'Enrol' }));
    expect(await saved()).toEqual([]);
    await app.user.type(
      within(form).getByLabelText('Reason to enrol despite this'),
      'Her sister is in this group.',
    );
    await app.user.click(within(form).getByRole('button', { name: 'Enrol' }));
    expect(await within(form).findByText('Enrolled.', undefined, SLOW)).toBeInTheDocument();
    expect((await saved())[0]?.overrideReason).toBe('Her sister is in this group.');
  });
});
