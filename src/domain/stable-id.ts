/**
 * Deterministic ids for rows that must exist at most once: one attendance
 * mark per (meeting, participant), one automatic follow-up per rule and
 * absence. Writing the same id again overwrites (upserts), so a double tap,
 * a retry or a rule that runs twice never makes a duplicate.
 *
 * The id is a UUID (version 8, "custom") built from two 64-bit FNV-1a hashes
 * of the key. It is not a secret and not meant to resist anyone: the key is
 * made of ids that are stored in the clear anyway.
 */
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

function fnv1a64(text: string, seed: bigint): bigint {
  let hash = seed;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK;
  }
  return hash;
}

export function stableUuid(key: string): string {
  const hex =
    fnv1a64(key, 0xcbf29ce484222325n).toString(16).padStart(16, '0') +
    fnv1a64(key, 0x84222325cbf29ce4n).toString(16).padStart(16, '0');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
