/**
 * The app takes over from the static first frame (first-frame.ts): what the
 * person did on the frame before the app was ready carries over to the app's
 * identical card, so nothing is lost and the focus stays on the same control.
 *
 * React renders the app's first card off the page (a transition, in slices),
 * while the frame stays on screen. Then `firstFrameSettled` lets a press that
 * began on the frame end there (a tap whose down and up land on two different
 * buttons fires no click at all), and in one task with nothing in between
 * (`takeOverFirstFrame`) `captureFirstFrame` reads the frame, the app's
 * container replaces it, and `applyFirstFrame` moves the
 * focused control, the typed text (and where the caret was) and a remembered
 * click (src/app/first-frame-script.js) to the control at the same place in the
 * app's card — once that card is the frame's (not a loading card, nor the
 * other card after a stale device flag).
 */
import { flushSync } from 'react-dom';

const CONTROLS = 'button, input, select, a[href], textarea';

/** How long the app waits for a press on the frame to end, or for its card to show. */
const PRESS_WAIT_MS = 5000;
const CARD_WAIT_MS = 10_000;

export interface FirstFrameState {
  /** The frame was showing: the app's first card is the one it showed. */
  shown: boolean;
  /** The frame's controls, as `signature` writes them: the app's card must have the same. */
  controls: string[];
  focused: number;
  /** Where the caret was in the focused field. */
  selection: [number, number] | null;
  clicked: number;
  values: Record<string, string>;
}

function shownFrame(): HTMLElement | null {
  const id = document.documentElement.dataset.firstFrame;
  if (!id) return null;
  return document.querySelector<HTMLElement>(`.first-frame[data-first-frame="${id}"]`);
}

/** Kind, name and text of each control, in order: what makes two cards "the same" for the hand-over. */
function signature(controls: HTMLElement[]): string[] {
  return controls.map(
    (c) =>
      `${c.tagName}:${c.getAttribute('type') ?? ''}:${c.getAttribute('name') ?? ''}:${(c.textContent ?? '').trim()}`,
  );
}

/**
 * Resolves once no press that began on the frame is under way
 * (`data-first-frame-press`, src/app/first-frame-script.js); at once when none is.
 * While it waits, `<html data-first-frame-held>` says so.
 */
export function firstFrameSettled(): Promise<void> {
  const html = document.documentElement;
  if (!html.hasAttribute('data-first-frame-press') || !shownFrame()) return Promise.resolve();
  return new Promise((resolve) => {
    html.setAttribute('data-first-frame-held', '');
    const done = () => {
      clearTimeout(timer);
      document.removeEventListener('aplis-first-frame-idle', done);
      html.removeAttribute('data-first-frame-held');
      resolve();
    };
    const timer = setTimeout(done, PRESS_WAIT_MS);
    document.addEventListener('aplis-first-frame-idle', done);
  });
}

export function captureFirstFrame(): FirstFrameState {
  const frame = shownFrame();
  const html = document.documentElement;
  const clicked = Number(html.dataset.firstFrameClick ?? -1);
  delete html.dataset.firstFrameClick;
  if (!frame)
    return { shown: false, controls: [], focused: -1, selection: null, clicked: -1, values: {} };
  const controls = [...frame.querySelectorAll<HTMLElement>(CONTROLS)];
  const values: Record<string, string> = {};
  for (const input of frame.querySelectorAll('input'))
    if (input.name && input.value) values[input.name] = input.value;
  const active = document.activeElement;
  const selection =
    active instanceof HTMLInputElement && frame.contains(active)
      ? ([active.selectionStart ?? 0, active.selectionEnd ?? 0] as [number, number])
      : null;
  return {
    shown: true,
    controls: signature(controls),
    focused: controls.indexOf(active as HTMLElement),
    selection,
    clicked,
    values,
  };
}

function setValue(input: HTMLInputElement, value: string) {
  // React tracks the value it set: go through the native setter and tell it.
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** The app's card when it is the one the frame showed, else null. */
function sameCard(state: FirstFrameState, container: HTMLElement): HTMLElement | null {
  const card = container.querySelector<HTMLElement>('.gate-card');
  if (!card) return null;
  const controls = signature([...card.querySelectorAll<HTMLElement>(CONTROLS)]);
  return controls.length === state.controls.length &&
    controls.every((c, i) => c === state.controls[i])
    ? card
    : null;
}

function carryOver(state: FirstFrameState, card: HTMLElement) {
  for (const [name, value] of Object.entries(state.values)) {
    const input = card.querySelector<HTMLInputElement>(`input[name="${CSS.escape(name)}"]`);
    // Rendered now, so a replayed submit below sees it.
    if (input && !input.value) flushSync(() => setValue(input, value));
  }
  const controls = [...card.querySelectorAll<HTMLElement>(CONTROLS)];
  const focused = controls[state.focused];
  if (focused) {
    focused.focus();
    if (state.selection && focused instanceof HTMLInputElement)
      focused.setSelectionRange(...state.selection);
  }
  if (state.clicked >= 0) controls[state.clicked]?.click();
}

/**
 * The app takes over: `app` (React's container, rendered off the page)
 * replaces the page's `#root` and its frame, and what was done on the frame
 * carries over to the app's card — in one go, so no event falls in between.
 */
export function takeOverFirstFrame(app: HTMLElement): void {
  const state = captureFirstFrame();
  document.getElementById('root')?.replaceWith(app);
  applyFirstFrame(state, app);
}

/**
 * Carries the frame's state over to the app's card: at once when React's
 * first commit shows the same card, else when it does (within 10 s). A card
 * that never matches gets nothing: a click meant for one button is never
 * replayed on another.
 */
export function applyFirstFrame(state: FirstFrameState, container: HTMLElement): void {
  if (!state.shown) return;
  const now = sameCard(state, container);
  if (now) return carryOver(state, now);
  const observer = new MutationObserver(() => {
    const card = sameCard(state, container);
    if (!card) return;
    stop();
    carryOver(state, card);
  });
  const timer = setTimeout(() => stop(), CARD_WAIT_MS);
  function stop() {
    observer.disconnect();
    clearTimeout(timer);
  }
  observer.observe(container, { childList: true, subtree: true, characterData: true });
}
