import { afterEach, describe, expect, it, vi } from 'vitest';
import { readLocaleText } from '../../vite.config';
import { firstFrameHtml, type FirstFrameScreen } from './first-frame';
import { applyFirstFrame, captureFirstFrame, firstFrameSettled } from './first-frame-handoff';

const html = document.documentElement;

/** The frame on the page, as src/app/first-frame-script.js leaves it once parsed. */
function showFrame(screen: FirstFrameScreen): { root: HTMLElement; frame: HTMLElement } {
  document.body.innerHTML = `<div id="root">${firstFrameHtml(screen, 'en', readLocaleText)}</div>`;
  html.dataset.firstFrame = `${screen}-en`;
  const root = document.getElementById('root')!;
  return { root, frame: root.querySelector<HTMLElement>('.first-frame')! };
}

/** The app's card: the frame's own markup, as React renders it (first-frame.test.tsx holds them equal). */
function appCard(screen: FirstFrameScreen): HTMLElement {
  const holder = document.createElement('div');
  holder.innerHTML = firstFrameHtml(screen, 'en', readLocaleText);
  return holder.querySelector<HTMLElement>('main')!;
}

const controlIndex = (frame: HTMLElement, control: Element) =>
  [...frame.querySelectorAll('button, input, select, a[href], textarea')].indexOf(control);

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  document.body.innerHTML = '';
  for (const name of ['data-first-frame', 'data-first-frame-click', 'data-first-frame-press'])
    html.removeAttribute(name);
});

describe('the hand-over from the first frame to the app', () => {
  it('waits for its card behind a loading card, then fills the passphrase, keeps the caret and sends it once', async () => {
    const { root, frame } = showFrame('unlock');
    const input = frame.querySelector('input')!;
    input.value = 'aplis demo';
    input.focus();
    input.setSelectionRange(5, 5);
    html.dataset.firstFrameClick = String(
      controlIndex(frame, frame.querySelector('[type="submit"]')!),
    );
    const state = captureFirstFrame();

    root.innerHTML = '<main class="gate"><div class="gate-card"><p>…</p></div></main>';
    applyFirstFrame(state, root);
    const card = appCard('unlock');
    // What the app's form would send: its own field's value when submitted.
    const sent = vi.fn<(passphrase: string) => void>();
    card.querySelector('form')!.addEventListener('submit', (event) => {
      event.preventDefault();
      sent(card.querySelector('input')!.value);
    });
    await nextTask();
    expect(sent).not.toHaveBeenCalled();

    root.replaceChildren(card);
    await nextTask();
    const appInput = card.querySelector('input')!;
    expect(appInput.value).toBe('aplis demo');
    expect(document.activeElement).toBe(appInput);
    expect([appInput.selectionStart, appInput.selectionEnd]).toEqual([5, 5]);
    expect(sent).toHaveBeenCalledTimes(1);
    expect(sent).toHaveBeenCalledWith('aplis demo');
  });

  it('never replays a click on a card other than the one it was made on', async () => {
    const { root, frame } = showFrame('welcome');
    const demo = [...frame.querySelectorAll('button')].find(
      (b) => b.textContent === 'Try the demo',
    )!;
    html.dataset.firstFrameClick = String(controlIndex(frame, demo));
    const state = captureFirstFrame();
    const other = appCard('unlock');
    const clicked = vi.fn();
    other.addEventListener('click', clicked);
    other.addEventListener('submit', (e) => e.preventDefault());
    root.replaceChildren(other);
    applyFirstFrame(state, root);
    await nextTask();
    expect(clicked).not.toHaveBeenCalled();
  });

  it('takes over only once a press that began on the frame has ended', async () => {
    showFrame('welcome');
    html.setAttribute('data-first-frame-press', '');
    let settled = false;
    void firstFrameSettled().then(() => (settled = true));
    await nextTask();
    expect(settled).toBe(false);
    expect(html.hasAttribute('data-first-frame-held')).toBe(true);
    html.removeAttribute('data-first-frame-press');
    document.dispatchEvent(new Event('aplis-first-frame-idle'));
    await nextTask();
    expect(settled).toBe(true);
    expect(html.hasAttribute('data-first-frame-held')).toBe(false);
  });

  it('takes over at once when nothing is pressed', async () => {
    showFrame('unlock');
    let settled = false;
    void firstFrameSettled().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(true);
  });
});
