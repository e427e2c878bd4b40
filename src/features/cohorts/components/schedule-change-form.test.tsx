import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Meeting } from '../../../domain/meeting';
import { aCohort } from '../../../testing/factories';
import { renderApp, SLOW } from '../../../testing/render-app';

function meetingsOf(cohortId: string): Meeting[] {
  // Thursdays in December 2027; 24 December 2027 is a Friday (Christmas Eve).
  return ['2027-12-02', '2027-12-09', '2027-12-16'].map((date, i) => ({
    id: crypto.randomUUID(),
    cohortId,
    number: i + 1,
    planId: `plan-${i + 1}`,
    date,
    startTime: '16:00',
    durationMinutes: 90,
    status: 'planned',
  }));
}

const texts = {
  en: {
    change: 'Change meeting 3',
    newDate: 'New date',
    move: 'Move',
    warning: '24/12/2027 is a public holiday: Christmas Eve',
    nothingYet: 'Nothing has been changed yet.',
    anyway: 'Move it there anyway',
    other: 'Choose another date',
  },
  lv: {
    change: 'Mainīt 3. tikšanos',
    newDate: 'Jaunais datums',
    move: 'Pārcelt',
    warning: '24.12.2027. ir svētku diena: Ziemassvētku vakars',
    nothingYet: 'Nekas vēl nav mainīts.',
    anyway: 'Tomēr pārcelt uz šo dienu',
    other: 'Izvēlēties citu datumu',
  },
};

describe('moving a meeting onto a public holiday', () => {
  for (const language of ['en', 'lv'] as const) {
    it(`warns before saving and names the holiday (${language})`, async () => {
      const s = texts[language];
      const cohort = aCohort('Lotus — Rīga');
      const meetings = meetingsOf(cohort.id);
      const app = await renderApp({
        setup: 'organisation',
        unlocked: true,
        language,
        route: `/cohorts/${cohort.id}`,
        seed: async ({ repos }) => {
          await repos.cohorts.put(cohort);
          await repos.meetings.bulkPut(meetings);
        },
      });
      await app.user.click(await screen.findByRole('button', { name: s.change }, SLOW));
      const date = screen.getByLabelText(s.newDate);
      await app.user.clear(date);
      await app.user.type(date, '2027-12-24');
      const move = screen.getByRole('button', { name: s.move });
      // Holidays load with the rules engine; until then nothing can be saved unchecked.
      await waitFor(() => expect(move).toBeEnabled(), SLOW);
      await app.user.click(move);

      const warning = await screen.findByRole('status', {}, SLOW);
      expect(warning).toHaveTextContent(s.warning);
      expect(warning).toHaveTextContent(s.nothingYet);
      // Nothing saved yet.
      expect((await app.services.repos.meetings.get(meetings[2]!.id))?.date).toBe('2027-12-16');

      // Another date clears the warning; back to the holiday and go ahead.
      await app.user.click(within(warning).getByRole('button', { name: s.other }));
      expect(screen.queryByText(s.warning)).not.toBeInTheDocument();
      expect(date).toHaveFocus();
      await app.user.click(screen.getByRole('button', { name: s.move }));
      await app.user.click(await screen.findByRole('button', { name: s.anyway }, SLOW));
      await expect
        .poll(async () => (await app.services.repos.meetings.get(meetings[2]!.id))?.date, SLOW)
        .toBe('2027-12-24');
      const saved = await app.services.repos.meetings.get(meetings[2]!.id);
      expect(saved?.sequence).toBe(1);
    });
  }
});
