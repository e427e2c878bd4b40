/// <reference lib="webworker" />
/** Runs PBKDF2 away from the page's main thread (see kdf.ts). */
import { deriveBits, type KdfParams } from './kdf';

self.onmessage = async (event: MessageEvent<{ secret: string; params: KdfParams }>) => {
  try {
    const bits = await deriveBits(event.data.secret, event.data.params);
    self.postMessage({ bits }, { transfer: [bits] });
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? error.name : 'failed' });
  }
};
