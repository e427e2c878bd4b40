import { describe, expect, it } from 'vitest';
import { checklistSteps, validateConcern } from './concern';

describe('concerns', () => {
  it('asks for the type and for what was seen or said, nothing else', () => {
    expect(validateConcern({})).toEqual({ type: 'required', seenOrSaid: 'required' });
    expect(validateConcern({ type: 'distress', seenOrSaid: '  ' })).toEqual({
      seenOrSaid: 'required',
    });
    expect(
      validateConcern({ type: 'other', seenOrSaid: 'She said “he keeps my passport”.' }),
    ).toEqual({});
  });

  it('reads a checklist written one step per line, skipping blank lines', () => {
    expect(
      checklistSteps('Listen calmly.\n\n  Do not promise secrecy. \nTell the coordinator today.'),
    ).toEqual(['Listen calmly.', 'Do not promise secrecy.', 'Tell the coordinator today.']);
  });
});
