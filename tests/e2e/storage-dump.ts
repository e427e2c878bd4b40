/**
 * Everything the page can reach at rest, as one string, for the "nothing
 * readable at rest" checks (at-rest.spec.ts, sync-join.spec.ts): every
 * IndexedDB store, localStorage and sessionStorage, and with `caches` the
 * Cache Storage too. Bytes are read three ways (UTF-8, one char a byte, and
 * base64), so a secret kept as bytes or as base64 text is found as well.
 */
import type { Page } from '@playwright/test';

export async function dumpStorage(page: Page, options: { caches?: boolean } = {}): Promise<string> {
  return page.evaluate(async ({ caches: withCaches }) => {
    const parts: string[] = [];
    const bytesToText = (bytes: Uint8Array) => {
      let binary = '';
      for (const b of bytes) binary += String.fromCharCode(b);
      return `${new TextDecoder('utf-8', { fatal: false }).decode(bytes)} ${binary} ${btoa(binary)}`;
    };
    const walk = (value: unknown): string => {
      if (value instanceof Uint8Array) return bytesToText(value);
      if (value instanceof ArrayBuffer) return bytesToText(new Uint8Array(value));
      if (ArrayBuffer.isView(value)) return bytesToText(new Uint8Array(value.buffer));
      if (Array.isArray(value)) return value.map(walk).join('\n');
      if (value && typeof value === 'object')
        return Object.entries(value)
          .map(([k, v]) => `${k}:${walk(v)}`)
          .join('\n');
      return String(value);
    };
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
        });
        parts.push(`[${info.name}/${store}] ${walk(rows)}`);
      }
      db.close();
    }
    for (const storage of [localStorage, sessionStorage]) {
      for (let i = 0; i < storage.length; i++)
        parts.push(`${storage.key(i)}=${storage.getItem(storage.key(i)!)}`);
    }
    if (withCaches) {
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          const response = await cache.match(request);
          parts.push(`[cache ${request.url}] ${response ? await response.text() : ''}`);
        }
      }
    }
    return parts.join('\n');
  }, options);
}
