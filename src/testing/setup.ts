import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

/*
 * Vitest's jsdom environment puts jsdom's own `Uint8Array` and `ArrayBuffer`
 * on the global object, while `structuredClone` (used by fake-indexeddb),
 * `TextEncoder` and WebCrypto are Node's. A byte array read back from the
 * database would then fail `instanceof Uint8Array` in the app's crypto code,
 * something that cannot happen in a browser, where everything shares one
 * realm. Put Node's constructors back so the test realm matches a browser's.
 */
const binaryConstructors = [
  'ArrayBuffer',
  'Uint8Array',
  'Uint8ClampedArray',
  'Uint16Array',
  'Uint32Array',
  'Int8Array',
  'Int16Array',
  'Int32Array',
  'Float32Array',
  'Float64Array',
] as const;
for (const name of binaryConstructors) {
  const sample: object = name === 'ArrayBuffer' ? new ArrayBuffer(0) : new globalThis[name](0);
  const nodeRealm = (structuredClone(sample) as { constructor: unknown }).constructor;
  if (nodeRealm !== globalThis[name])
    Object.defineProperty(globalThis, name, {
      value: nodeRealm,
      writable: true,
      configurable: true,
    });
}

// jsdom has no layout; the router's scroll restoration calls this on every navigation.
// (Some files run in the plain node environment, without a window.)
if (typeof window !== 'undefined') window.scrollTo = () => {};

afterEach(() => {
  cleanup();
  // The chosen language is the one thing the app keeps in localStorage.
  if (typeof window !== 'undefined') window.localStorage.clear();
});
