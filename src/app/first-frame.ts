/**
 * The static first frame (issue 18, docs/first-paint.md): the welcome card and
 * the unlock card, in every language, written into index.html at build time
 * (the `aplis-first-frame` plugin in vite.config.ts) so the first screen paints
 * before any of the app's JavaScript has run.
 *
 * Only the frame that fits this device shows: `src/app/first-frame-script.js`, a small
 * script inlined in the page's head (allowed by its hash in the CSP), sets
 * `<html data-first-frame="welcome-en">` from the chosen language and the
 * device-level flag (src/session/first-frame-flag.ts); the other frames stay
 * `hidden`, so a screen reader meets one card. That script also wires the
 * frame's Quick exit, Shift × 3 and language menu, and remembers a click or a
 * typed passphrase for the app to take over (`takeOverFirstFrame`).
 *
 * React then replaces the frame with the same card (`createRoot` clears the
 * container in the commit that shows its own): the same boxes, so no new
 * largest paint and no layout shift. The markup below mirrors `GateCard`,
 * `Welcome` and `UnlockScreen`; first-frame.test.tsx renders those and holds
 * the two to the same elements, classes and texts in every language.
 *
 * Imports nothing that needs a browser or i18next, with `.js` paths as Node
 * wants them: vite.config.ts runs it.
 */
import { DEMO_PASSPHRASE } from '../session/demo-passphrase.js';
import { languageNames, uiLanguages, type UiLanguage } from '../i18n/languages.js';

export type FirstFrameScreen = 'welcome' | 'unlock';
export const firstFrameScreens: readonly FirstFrameScreen[] = ['welcome', 'unlock'];

/** Every text the frames show, as `namespace:key`: all come from `locales/<lng>/`. */
export const firstFrameKeys = [
  'common:language.label',
  'common:quickExit.button',
  'common:field.show',
  'setup:welcome.title',
  'setup:welcome.intro',
  'setup:welcome.privacy',
  'setup:welcome.setUpTitle',
  'setup:welcome.setUpText',
  'setup:welcome.setUp',
  'setup:welcome.demoTitle',
  'setup:welcome.demoText',
  'setup:welcome.demo',
  'setup:join.choiceTitle',
  'setup:join.choiceText',
  'setup:join.choose',
  'settings:restore.choiceTitle',
  'settings:restore.choiceText',
  'settings:restore.choose',
  'setup:unlock.title',
  'setup:unlock.intro',
  'setup:unlock.demoTitle',
  'setup:unlock.demoPassphrase',
  'setup:unlock.passphrase',
  'setup:unlock.submit',
  'setup:unlock.useRecovery',
] as const;
export type FirstFrameKey = (typeof firstFrameKeys)[number];

/** Looks a key up in one language's locale files. */
export type ReadText = (lng: UiLanguage, key: FirstFrameKey) => string;

/** The attribute value on `<html>` and on the frame it shows. */
export const firstFrameId = (screen: FirstFrameScreen, lng: UiLanguage) => `${screen}-${lng}`;

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** One frame's markup: no whitespace between tags, as React renders it. */
export function firstFrameHtml(screen: FirstFrameScreen, lng: UiLanguage, read: ReadText): string {
  const t = (key: FirstFrameKey) => escapeHtml(read(lng, key));
  const id = firstFrameId(screen, lng);
  const options = uiLanguages
    .map(
      (l) =>
        `<option value="${l}" lang="${l}"${l === lng ? ' selected' : ''}>${escapeHtml(languageNames[l])}</option>`,
    )
    .join('');
  const top =
    `<div class="gate-top"><p class="brand" aria-hidden="true"><span class="brand-mark"></span> Aplis</p>` +
    `<div class="gate-actions"><div class="language-switch">` +
    `<label for="${id}-language" class="visually-hidden">${t('common:language.label')}</label>` +
    `<select id="${id}-language" lang="${lng}" data-first-frame-language>${options}</select></div>` +
    `<button type="button" class="btn btn-quick-exit" data-first-frame-exit>${t('common:quickExit.button')}</button>` +
    `</div></div>`;
  const choice = (
    title: FirstFrameKey,
    text: FirstFrameKey,
    button: FirstFrameKey,
    primary = false,
  ) =>
    `<div class="choice"><h2>${t(title)}</h2><p>${t(text)}</p>` +
    `<button type="button" class="${primary ? 'btn btn-primary' : 'btn'}">${t(button)}</button></div>`;
  const body =
    screen === 'welcome'
      ? `<h1>${t('setup:welcome.title')}</h1><p>${t('setup:welcome.intro')}</p><p>${t('setup:welcome.privacy')}</p>` +
        `<div class="choice-grid">` +
        choice('setup:welcome.setUpTitle', 'setup:welcome.setUpText', 'setup:welcome.setUp', true) +
        choice('setup:welcome.demoTitle', 'setup:welcome.demoText', 'setup:welcome.demo') +
        choice('setup:join.choiceTitle', 'setup:join.choiceText', 'setup:join.choose') +
        choice(
          'settings:restore.choiceTitle',
          'settings:restore.choiceText',
          'settings:restore.choose',
        ) +
        `</div>`
      : `<h1>${t('setup:unlock.title')}</h1><p>${t('setup:unlock.intro')}</p>` +
        // Shown on a demo device only (the flag says so), as UnlockScreen does.
        `<div class="notice notice-info" data-first-frame-demo hidden><p class="notice-title">${t('setup:unlock.demoTitle')}</p>` +
        `<p>${t('setup:unlock.demoPassphrase')} <code class="demo-passphrase">${escapeHtml(DEMO_PASSPHRASE)}</code></p></div>` +
        `<form novalidate><div class="field "><label for="${id}-passphrase">${t('setup:unlock.passphrase')}</label>` +
        `<div class="input-with-addon"><input id="${id}-passphrase" name="passphrase" autocomplete="current-password" ` +
        `data-first-frame-autofocus type="password" autocapitalize="none" autocorrect="off" spellcheck="false" value="">` +
        `<button type="button" class="btn btn-quiet passphrase-toggle" aria-pressed="false">${t('common:field.show')}</button></div></div>` +
        `<div aria-live="polite" class="countdown"></div>` +
        `<button class="btn btn-primary btn-block" type="submit">${t('setup:unlock.submit')}</button></form>` +
        `<button type="button" class="btn btn-link">${t('setup:unlock.useRecovery')}</button>`;
  return (
    `<div class="first-frame" data-first-frame="${id}" lang="${lng}" hidden>` +
    `<main class="gate"><div class="${screen === 'welcome' ? 'gate-card gate-card-wide' : 'gate-card'}">` +
    top +
    body +
    `</div></main></div>`
  );
}

/** Every frame, and the rule that shows the one `<html data-first-frame>` names. */
export function firstFramesHtml(read: ReadText): { frames: string; style: string } {
  const ids: string[] = [];
  let frames = '';
  for (const screen of firstFrameScreens)
    for (const lng of uiLanguages) {
      ids.push(firstFrameId(screen, lng));
      frames += firstFrameHtml(screen, lng, read);
    }
  const style =
    ids
      .map((id) => `html[data-first-frame="${id}"] .first-frame[data-first-frame="${id}"]`)
      .join(',') +
    '{display:block}html[data-first-frame-demo] [data-first-frame-demo]{display:block}';
  return { frames, style };
}
