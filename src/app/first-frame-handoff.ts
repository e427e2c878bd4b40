/**
 * The app takes over from the static first frame (first-frame.ts): what the
 * person did on the frame before the app was ready carries over to the app's
 * identical card, so nothing is lost and the focus stays on the same control.
 *
 * `captureFirstFrame` runs just before React's first render (the frame is
 * still on the page), `applyFirstFrame` right after React's first commit
 * (which replaced it): the focused control, the typed passphrase and a
 * remembered click (public/first-frame.js) move to the control at the same
 * place in the app's card.
 */
import { flushSync } from 'react-dom';

const CONTROLS = 'button, input, select, a[href], textarea';

export interface FirstFrameState {
  /** The frame was showing: the app's first card is the one it showed. */
  shown: boolean;
  focused: number;
  clicked: number;
  values: Record<string, string>;
}

function shownFrame(): HTMLElement | null {
  const id = document.documentElement.dataset.firstFrame;
  if (!id) return null;
  return document.querySelector<HTMLElement>(`.first-frame[data-first-frame="${id}"]`);
}

export function captureFirstFrame(): FirstFrameState {
  const frame = shownFrame();
  const html = document.documentElement;
  const clicked = Number(html.dataset.firstFrameClick ?? -1);
  delete html.dataset.firstFrameClick;
  if (!frame) return { shown: false, focused: -1, clicked: -1, values: {} };
  const controls = [...frame.querySelectorAll<HTMLElement>(CONTROLS)];
  const values: Record<string, string> = {};
  for (const input of frame.querySelectorAll('input'))
    if (input.name && input.value) values[input.name] = input.value;
  return {
    shown: true,
    focused: controls.indexOf(document.activeElement as HTMLElement),
    clicked,
    values,
  };
}

function setValue(input: HTMLInputElement, value: string) {
  // React tracks the value it set: go through the native setter and tell it.
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

export function applyFirstFrame(state: FirstFrameState, container: HTMLElement): void {
  if (!state.shown) return;
  const card = container.querySelector('.gate-card');
  if (!card) return;
  for (const [name, value] of Object.entries(state.values)) {
    const input = card.querySelector<HTMLInputElement>(`input[name="${CSS.escape(name)}"]`);
    // Rendered now, so a replayed submit below sees it.
    if (input) flushSync(() => setValue(input, value));
  }
  const controls = [...card.querySelectorAll<HTMLElement>(CONTROLS)];
  if (state.focused >= 0) controls[state.focused]?.focus();
  if (state.clicked >= 0) controls[state.clicked]?.click();
}
