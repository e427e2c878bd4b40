import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, SLOW } from '../../../testing/render-app';

describe('erasing a participant from their page', () => {
  it('asks first, then removes every record and says so on the list', async () => {
    const app = await renderApp({ setup: 'demo', unlocked: true, route: '/participants' });
    const person = (await app.services.repos.participants.list()).items[0]!;
    await act(() => app.router.navigate(`/participants/${person.id}`));

    await app.user.click(
      await screen.findByRole('button', { name: `Erase the records of ${person.code}…` }, SLOW),
    );
    expect(screen.getByRole('alert')).toHaveTextContent(`Erase every record about ${person.code}?`);
    await app.user.click(screen.getByRole('button', { name: 'Delete for good' }));

    expect(
      await screen.findByText('The records were erased.', undefined, SLOW),
    ).toBeInTheDocument();
    expect(app.router.state.location.pathname).toBe('/participants');
    expect(screen.queryByText(person.chosenName)).not.toBeInTheDocument();
    expect(await app.services.repos.participants.get(person.id)).toBeUndefined();
    expect(
      (await app.services.repos.attendance.listWhere('participantId', person.id)).items,
    ).toEqual([]);
    expect(await app.db.enrolments.where('participantId').equals(person.id).count()).toBe(0);
  });
});
