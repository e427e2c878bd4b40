import { describe, expect, it } from 'vitest';
import { isAcceptablePassphrase, MIN_PASSPHRASE_LENGTH, passphraseStrength } from './passphrase';

describe('passphrase length', () => {
  it('asks for at least 12 characters', () => {
    expect(MIN_PASSPHRASE_LENGTH).toBe(12);
    expect(isAcceptablePassphrase('x'.repeat(11))).toBe(false);
    expect(isAcceptablePassphrase('x'.repeat(12))).toBe(true);
    expect(passphraseStrength('eleven char')).toBe('too-short');
  });

  it('refuses the empty passphrase', () => {
    expect(isAcceptablePassphrase('')).toBe(false);
    expect(passphraseStrength('')).toBe('too-short');
  });

  it('counts a Latvian letter such as "ā" as one character', () => {
    expect(isAcceptablePassphrase('ā'.repeat(12))).toBe(true);
    expect(isAcceptablePassphrase('ā'.repeat(11))).toBe(false);
    expect(passphraseStrength('ķēķis zāģis')).toBe('too-short'); // 11 characters, space included
  });

  it('counts an emoji as one character, not as two UTF-16 units', () => {
    const elevenEmoji = '🌻'.repeat(11);
    expect(elevenEmoji.length).toBe(22);
    expect(isAcceptablePassphrase(elevenEmoji)).toBe(false);
    expect(isAcceptablePassphrase('🌻'.repeat(12))).toBe(true);
  });

  it('has no upper limit: a 500-character passphrase is accepted', () => {
    const long = 'mana garā paroles frāze ar daudziem vārdiem '.repeat(12).slice(0, 500);
    expect([...long]).toHaveLength(500);
    expect(isAcceptablePassphrase(long)).toBe(true);
    expect(passphraseStrength(long)).toBe('strong');
  });

  it('does not count spaces away: ordinary words with spaces are fine', () => {
    expect(isAcceptablePassphrase('zils zaļš sarkans')).toBe(true);
  });
});

describe('the strength hint', () => {
  it('calls a few ordinary words in a row strong', () => {
    expect(passphraseStrength('correct horse battery staple')).toBe('strong');
    expect(passphraseStrength('zaļā laiva peld upē')).toBe('strong');
  });

  it('calls a common password with a little added weak', () => {
    expect(passphraseStrength('password1234')).toBe('weak');
    expect(passphraseStrength('Parole123456')).toBe('weak');
  });

  it('calls a long run of one or two characters weak', () => {
    expect(passphraseStrength('aaaaaaaaaaaaaaaaaaaa')).toBe('weak');
    expect(passphraseStrength('abababababababab')).toBe('weak');
  });

  it('calls two words of mixed kinds fair', () => {
    expect(passphraseStrength('Riga autumn7')).toBe('fair');
  });

  it('accepts a weak passphrase all the same: the hint is advice, not a gate', () => {
    expect(passphraseStrength('password1234')).toBe('weak');
    expect(isAcceptablePassphrase('password1234')).toBe(true);
  });
});
