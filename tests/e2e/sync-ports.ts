/**
 * The e2e sync server's ports. E2E_SYNC_PORT chooses it (default 5984 + 10, so
 * a developer's own server on 5984 is left alone); its control port is the next.
 */
export function syncServerPort(): number {
  return Number(process.env.E2E_SYNC_PORT ?? 5994);
}

export function syncControlPort(): number {
  return syncServerPort() + 1;
}
