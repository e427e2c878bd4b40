/**
 * Pseudonym codes: a letter, the two-digit year, a running number within
 * that letter and year (`L25-07`), unique within the organisation.
 */
import { participantCodePattern } from './participant';

export function nextParticipantCode(
  existing: readonly string[],
  year: number,
  letter = 'L',
): string {
  const prefix = `${letter}${String(year % 100).padStart(2, '0')}-`;
  let highest = 0;
  for (const code of existing) {
    if (!code.startsWith(prefix)) continue;
    const n = Number(code.slice(prefix.length));
    if (Number.isInteger(n)) highest = Math.max(highest, n);
  }
  const next = highest + 1;
  if (next > 999) throw new Error('participant codes for this year are used up');
  const code = `${prefix}${String(next).padStart(2, '0')}`;
  if (!participantCodePattern.test(code)) throw new Error(`bad participant code ${code}`);
  return code;
}
