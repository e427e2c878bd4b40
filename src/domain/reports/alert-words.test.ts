import { describe, expect, it } from 'vitest';
import { allDefaultAlertWords, commentNeedsAttention, defaultAlertWords } from './alert-words';

const words = allDefaultAlertWords();

describe('alert words in anonymous comments', () => {
  it.each([
    ['He hits me when I get home late', 'en'],
    ['sometimes I want to die', 'en'],
    ['I owe money to someone and he is scared me', 'en'],
    ['Viņš mani sit', 'lv'],
    ['Man ir bail iet mājās', 'lv'],
    ['viņš DRAUDĒJA man', 'lv'],
    ['Мне страшно идти домой', 'ru'],
    ['Він мені погрожує', 'uk'],
  ])('finds "%s" (%s)', (comment) => {
    expect(commentNeedsAttention(comment, words)).toBe(true);
  });

  it.each([
    'The tea was warm',
    'I liked the game with the ball',
    'Es saprotu vairāk par robežām', // "saprot" must not match "sāp"
    'Situācija bija jautra', // "sit " must end the word
    'My diet is fine and I had a nice time',
    'Было интересно',
  ])('leaves "%s" alone', (comment) => {
    expect(commentNeedsAttention(comment, words)).toBe(false);
  });

  it('uses the organisation’s own list when it has one', () => {
    expect(commentNeedsAttention('the tea was cold', ['cold'])).toBe(true);
    expect(commentNeedsAttention('he hits me', ['cold'])).toBe(false);
    expect(commentNeedsAttention('anything', ['', '  '])).toBe(false);
  });

  it('has defaults for every language of the app', () => {
    expect(Object.keys(defaultAlertWords).sort()).toEqual(['en', 'lv', 'ru', 'uk']);
    for (const list of Object.values(defaultAlertWords)) expect(list.length).toBeGreaterThan(10);
  });
});
