import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCohort, aStaffMember } from '../../../testing/factories';
import { renderApp, SLOW } from '../../../testing/render-app';

describe('editing a group’s details', () => {
  it('refuses fewer places than young people enrolled, then saves a new name and facilitator', async () => {
    const anna = aStaffMember({ displayName: 'Anna Ozola' });
    const maris = aStaffMember({ displayName: 'Māris Kalns' });
    const cohort = aCohort('Tuesday girls', {
      facilitatorIds: [anna.id],
      participantIds: [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()],
    });
    const app = await renderApp({
      setup: 'organisation',
      unlocked: true,
      route: `/cohorts/${cohort.id}`,
      seed: async ({ repos }) => {
        await repos.staff.bulkPut([anna, maris]);
        await repos.cohorts.put(cohort);
      },
    });

    await app.user.click(await screen.findByRole('button', { name: 'Edit details' }, SLOW));
    const form = screen.getByRole('form', { name: 'Group details' });
    const capacity = within(form).getByLabelText('Places');
    await app.user.clear(capacity);
    await app.user.type(capacity, '2');
    await app.user.click(within(form).getByRole('button', { name: 'Save details' }));
    expect(
      await within(form).findByText('There are more young people enrolled than places.'),
    ).toBeInTheDocument();
    expect((await app.services.repos.cohorts.get(cohort.id))?.capacity).toBe(8);

    await app.user.clear(capacity);
    await app.user.type(capacity, '6');
    const name = within(form).getByLabelText('Name of the group');
    await app.user.clear(name);
    await app.user.type(name, 'Tuesday circle');
    await app.user.click(within(form).getByLabelText('Māris Kalns'));
    await app.user.click(within(form).getByRole('button', { name: 'Save details' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Tuesday circle' }, SLOW),
    ).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Group details' })).not.toBeInTheDocument();
    const saved = await app.services.repos.cohorts.get(cohort.id);
    expect(saved).toMatchObject({ name: 'Tuesday circle', capacity: 6 });
    expect(saved?.facilitatorIds).toEqual([anna.id, maris.id]);
    // The enrolled young people are untouched.
    expect(saved?.participantIds).toEqual(cohort.participantIds);
  });
});
