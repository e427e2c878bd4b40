import { describe, expect, it } from 'vitest';
import { uiLanguages } from '../i18n/languages';
import { isQuickExitAddress, parseQuickExitTarget, quickExitUrl } from './quick-exit-target';

const recipePages = import.meta.glob<string>('/public/neutral*.html', {
  eager: true,
  query: '?raw',
  import: 'default',
});

describe('where quick exit goes', () => {
  it('goes to the recipe page in the app’s language by default', () => {
    expect(quickExitUrl(parseQuickExitTarget(undefined), 'lv')).toBe('/neutral.html');
    expect(quickExitUrl(parseQuickExitTarget(undefined), 'en')).toBe('/neutral-en.html');
    expect(quickExitUrl(parseQuickExitTarget(undefined), 'ru')).toBe('/neutral-ru.html');
    expect(quickExitUrl(parseQuickExitTarget(undefined), 'uk')).toBe('/neutral-uk.html');
  });

  it('has a recipe page in every language Aplis speaks, marked with that language, that never names the app', () => {
    for (const lng of uiLanguages) {
      const url = quickExitUrl({ kind: 'recipe' }, lng);
      const html = recipePages[`/public${url}`] ?? '';
      expect(html, url).toContain(`<html lang="${lng}">`);
      expect(html, url).toMatch(/<title>[^<]+<\/title>/);
      expect(html.toLowerCase(), url).not.toMatch(
        /aplis|trafficking|exploitation|торгов|експлуат|эксплуат/,
      );
    }
  });

  it('goes to an empty page or a chosen website when the device says so', () => {
    expect(quickExitUrl({ kind: 'blank' }, 'en')).toBe('about:blank');
    const chosen = parseQuickExitTarget({ kind: 'address', url: 'https://www.bbc.co.uk/weather' });
    expect(quickExitUrl(chosen, 'lv')).toBe('https://www.bbc.co.uk/weather');
  });

  it('accepts only whole web addresses, never script or a path inside the app', () => {
    expect(isQuickExitAddress('https://www.google.com')).toBe(true);
    for (const bad of [
      'javascript:alert(1)',
      '/settings',
      'www.google.com',
      'data:text/html,x',
      'https://localhost',
    ])
      expect(isQuickExitAddress(bad)).toBe(false);
    // A stored value that went bad falls back to the harmless default.
    expect(parseQuickExitTarget({ kind: 'address', url: 'javascript:alert(1)' })).toEqual({
      kind: 'recipe',
    });
  });
});
