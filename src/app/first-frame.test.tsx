import { screen } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readLocaleText } from '../../vite.config';
import { preferredLanguage } from '../i18n/first-screen-texts';
import { uiLanguages, type UiLanguage } from '../i18n/languages';
import { FIRST_FRAME_FLAG_KEY } from '../session/first-frame-flag';
import { parseQuickExitTarget, quickExitUrl } from '../session/quick-exit-target';
import { renderApp, SLOW } from '../testing/render-app';
import {
  firstFrameHtml,
  firstFrameKeys,
  firstFramesHtml,
  type FirstFrameKey,
  type FirstFrameScreen,
} from './first-frame';

const localeFiles = import.meta.glob<Record<string, unknown>>('../../locales/*/*.json', {
  eager: true,
  import: 'default',
});

/** The text as the app's locale files have it, read independently of the build's reader. */
function localeText(lng: UiLanguage, key: FirstFrameKey): string {
  const [namespace, path] = key.split(':') as [string, string];
  let value: unknown = localeFiles[`../../locales/${lng}/${namespace}.json`];
  for (const part of path.split('.')) value = (value as Record<string, unknown>)[part];
  return value as string;
}

function frameElement(screenName: FirstFrameScreen, lng: UiLanguage): HTMLElement {
  const holder = document.createElement('div');
  holder.innerHTML = firstFrameHtml(screenName, lng, readLocaleText);
  return holder.firstElementChild as HTMLElement;
}

/**
 * What a person sees and the page's layout rests on: each element with its
 * classes, type, name and own text; not ids (React's differ) nor the frame's
 * own data attributes.
 */
function shape(card: Element, showDemo = false): string[] {
  const lines: string[] = [];
  const walk = (el: Element, depth: number) => {
    if (el.hasAttribute('data-first-frame-demo') && !showDemo) return;
    const own = [...el.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent)
      .join('');
    const attrs = ['type', 'name', 'autocomplete', 'aria-hidden', 'aria-pressed', 'lang', 'role']
      .filter((a) => el.hasAttribute(a))
      .map((a) => `${a}=${el.getAttribute(a)}`);
    lines.push(
      `${' '.repeat(depth)}${el.tagName.toLowerCase()}.${[...el.classList].sort().join('.')} ${attrs.join(' ')} «${own}»`,
    );
    for (const child of el.children) walk(child, depth + 1);
  };
  walk(card, 0);
  return lines;
}

describe('the static first frame', () => {
  it('shows every text as the locale files have it, in all four languages', () => {
    for (const lng of uiLanguages)
      for (const key of firstFrameKeys) {
        const text = localeText(lng, key);
        expect(text, `${lng} ${key}`).toBeTruthy();
        expect(readLocaleText(lng, key), `${lng} ${key}, as the build reads it`).toBe(text);
      }
    const { frames } = firstFramesHtml(readLocaleText);
    const page = document.createElement('div');
    page.innerHTML = frames;
    for (const lng of uiLanguages) {
      const welcome = page.querySelector(`[data-first-frame="welcome-${lng}"]`)!;
      const unlock = page.querySelector(`[data-first-frame="unlock-${lng}"]`)!;
      expect(welcome.getAttribute('lang')).toBe(lng);
      expect(welcome.querySelector('h1')?.textContent).toBe(localeText(lng, 'setup:welcome.title'));
      expect(unlock.querySelector('h1')?.textContent).toBe(localeText(lng, 'setup:unlock.title'));
      expect(welcome.querySelector('[data-first-frame-exit]')?.textContent).toBe(
        localeText(lng, 'common:quickExit.button'),
      );
      expect(unlock.querySelector('label[for$="-passphrase"]')?.textContent).toBe(
        localeText(lng, 'setup:unlock.passphrase'),
      );
    }
    // Every frame starts hidden: only the script's choice shows, so a screen reader meets one card.
    expect(page.querySelectorAll('.first-frame:not([hidden])')).toHaveLength(0);
  });

  it.each(uiLanguages)(
    'is the same card as the welcome screen the app renders (%s)',
    async (language) => {
      await renderApp({ setup: 'none', language });
      await screen.findByRole(
        'heading',
        { level: 1, name: localeText(language, 'setup:welcome.title') },
        SLOW,
      );
      // The restore choice's texts come from another namespace: wait for them too.
      await screen.findByRole(
        'button',
        { name: localeText(language, 'settings:restore.choose') },
        SLOW,
      );
      const app = document.querySelector('main.gate')!;
      const frame = frameElement('welcome', language).querySelector('main.gate')!;
      expect(shape(frame)).toEqual(shape(app));
    },
  );

  it.each(uiLanguages)(
    'is the same card as the unlock screen the app renders (%s)',
    async (language) => {
      await renderApp({ setup: 'organisation', language });
      await screen.findByRole(
        'heading',
        { level: 1, name: localeText(language, 'setup:unlock.title') },
        SLOW,
      );
      const app = document.querySelector('main.gate')!;
      const frame = frameElement('unlock', language).querySelector('main.gate')!;
      expect(shape(frame)).toEqual(shape(app));
    },
  );

  it('shows the demo passphrase notice on a demo device, as the app does', async () => {
    await renderApp({ setup: 'demo', language: 'lv' });
    await screen.findByRole(
      'heading',
      { level: 1, name: localeText('lv', 'setup:unlock.title') },
      SLOW,
    );
    const app = document.querySelector('main.gate')!;
    const frame = frameElement('unlock', 'lv').querySelector('main.gate')!;
    expect(shape(frame, true)).toEqual(shape(app));
  });
});

describe('the device-level flag the first frame reads', () => {
  afterEach(() => localStorage.clear());

  it('says a set-up device has a vault, whether it is a demo and where Quick exit goes; nothing else', async () => {
    localStorage.clear();
    await renderApp({ setup: 'none' });
    await screen.findByRole('heading', { level: 1, name: 'Welcome to Aplis' }, SLOW);
    expect(localStorage.getItem(FIRST_FRAME_FLAG_KEY), 'a new device').toBeNull();

    await renderApp({ setup: 'organisation' });
    await screen.findAllByRole('heading', { level: 1, name: 'Aplis is locked' }, SLOW);
    expect(JSON.parse(localStorage.getItem(FIRST_FRAME_FLAG_KEY)!)).toEqual({
      setUp: true,
      demo: false,
      quickExit: { kind: 'recipe' },
    });
  });
});

/** Runs src/app/first-frame-script.js against a window whose storage, languages and location are the test's. */
function runBootScript(stored: Record<string, string>, languages: readonly string[]) {
  const source = readFileSync('src/app/first-frame-script.js', 'utf8');
  const replace = vi.fn();
  const fakeStorage = {
    getItem: (key: string) => stored[key] ?? null,
    setItem: (key: string, value: string) => void (stored[key] = value),
  };
  const fakeWindow = { location: { replace }, addEventListener: () => undefined };
  document.documentElement.removeAttribute('data-first-frame');
  document.documentElement.removeAttribute('data-first-frame-demo');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the page's own script, under test
  const run = new Function('window', 'localStorage', 'navigator', source) as (
    ...args: unknown[]
  ) => void;
  run(fakeWindow, fakeStorage, { languages });
  return { replace, frame: document.documentElement.dataset.firstFrame };
}

describe('the first frame script', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    document.body.style.display = '';
    localStorage.clear();
  });

  it('picks the language as the app does', () => {
    const cases: [Record<string, string>, string[]][] = [
      [{}, ['en-GB', 'lv']],
      [{}, ['de-DE', 'uk-UA']],
      [{}, ['fr']],
      [{ 'aplis.language': 'ru' }, ['en']],
      [{ 'aplis.language': 'xx' }, ['uk']],
    ];
    for (const [stored, languages] of cases) {
      localStorage.clear();
      for (const [k, v] of Object.entries(stored)) localStorage.setItem(k, v);
      vi.spyOn(navigator, 'languages', 'get').mockReturnValue(languages);
      const expected = preferredLanguage();
      vi.restoreAllMocks();
      expect(
        runBootScript({ ...stored }, languages).frame,
        JSON.stringify([stored, languages]),
      ).toBe(`welcome-${expected}`);
    }
  });

  it('shows the unlock card on a device with a vault, the notice on a demo device', () => {
    const flag = (v: object) => ({ [FIRST_FRAME_FLAG_KEY]: JSON.stringify(v) });
    expect(runBootScript(flag({ setUp: true, demo: false }), ['en']).frame).toBe('unlock-en');
    expect(document.documentElement.hasAttribute('data-first-frame-demo')).toBe(false);
    expect(runBootScript(flag({ setUp: true, demo: true }), ['lv']).frame).toBe('unlock-lv');
    expect(document.documentElement.hasAttribute('data-first-frame-demo')).toBe(true);
    expect(runBootScript({ [FIRST_FRAME_FLAG_KEY]: '{broken' }, ['en']).frame).toBe('welcome-en');
  });

  it.each([
    [{ kind: 'recipe' }, 'en'],
    [{ kind: 'recipe' }, 'uk'],
    [{ kind: 'blank' }, 'lv'],
    [{ kind: 'address', url: 'https://www.example.org/weather' }, 'ru'],
    [{ kind: 'address', url: 'javascript:alert(1)' }, 'lv'],
    [{ kind: 'address', url: '/settings' }, 'en'],
    [undefined, 'ru'],
  ])('Quick exit on the frame goes where the app would: %j in %s', (target, lng) => {
    const { frames } = firstFramesHtml(readLocaleText);
    document.body.innerHTML = `<div id="root">${frames}</div>`;
    const stored = {
      'aplis.language': lng,
      [FIRST_FRAME_FLAG_KEY]: JSON.stringify({ setUp: true, demo: false, quickExit: target }),
    };
    const { replace, frame } = runBootScript(stored, []);
    document
      .querySelector<HTMLButtonElement>(
        `.first-frame[data-first-frame="${frame}"] [data-first-frame-exit]`,
      )!
      .click();
    expect(document.body.style.display).toBe('none');
    expect(replace).toHaveBeenCalledWith(quickExitUrl(parseQuickExitTarget(target), lng));
  });
});
