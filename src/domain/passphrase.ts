/**
 * Passphrase rules. At least 12 characters, no upper limit, paste allowed
 * (NIST SP 800-63B, 5.1.1.2). The strength hint is advice, not a gate: a long
 * phrase of ordinary words is strong, so length counts most.
 */
export const MIN_PASSPHRASE_LENGTH = 12;

export type PassphraseStrength = 'too-short' | 'weak' | 'fair' | 'strong';

const COMMON = ['password', 'parole', 'qwerty', '123456', 'aplis', 'letmein', 'admin', 'welcome'];

export function passphraseStrength(passphrase: string): PassphraseStrength {
  const length = [...passphrase].length;
  if (length < MIN_PASSPHRASE_LENGTH) return 'too-short';
  const lower = passphrase.toLowerCase();
  const distinct = new Set(lower).size;
  if (
    distinct <= 4 ||
    COMMON.some((word) => lower.includes(word) && lower.length < word.length + 8)
  ) {
    return 'weak';
  }
  const classes = [/[a-zāčēģīķļņšūž]/, /[A-ZĀČĒĢĪĶĻŅŠŪŽ]/, /\d/, /[^\p{L}\d]/u].filter((re) =>
    re.test(passphrase),
  ).length;
  const words = passphrase.trim().split(/\s+/).length;
  if (length >= 20 || (length >= 16 && (classes >= 3 || words >= 3))) return 'strong';
  if (classes >= 2 || words >= 2) return 'fair';
  return 'weak';
}

export function isAcceptablePassphrase(passphrase: string): boolean {
  return [...passphrase].length >= MIN_PASSPHRASE_LENGTH;
}
