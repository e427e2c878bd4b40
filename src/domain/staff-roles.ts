/**
 * The staff roles, apart from the staff schema (domain/staff.ts): the unlock
 * path checks a roster entry's role (db/keyring-roster.ts) and must not pull
 * zod into the first screen's code for a list of two words.
 */
export const staffRoles = ['coordinator', 'facilitator'] as const;
export type StaffRole = (typeof staffRoles)[number];
