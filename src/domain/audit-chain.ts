/**
 * The audit log's chain, the pure part: what each line's link covers, and
 * how one device's chain is read in order to find where it breaks.
 *
 * Every device writes its own chain of audit lines, numbered 1, 2, 3… Each
 * line carries `digest` (SHA-256 of its content, which includes a secret
 * random nonce so the digest says nothing), `prev` (the link of the line
 * before it) and `link`, a MAC over chain, number, prev and digest. Cutting a
 * line out, changing one, moving one or slipping one in breaks a link or a
 * number. A line erased for a person keeps its digest and link but loses its
 * content, so the chain still checks. See docs/key-hierarchy.md for what the
 * MAC keys do and do not prove.
 */
import type { AuditAction, AuditEntry } from './audit';

/** Who authenticated a line's link: a coordinator (coordinator key) or a team member (team key). */
export type LinkAuthor = 'coordinator' | 'team';

/**
 * The actions a team member without the coordinator key writes (a concern
 * raised in a meeting, a plan removed from the device). A team-linked line
 * with any other action was not written by the app.
 */
export const TEAM_ACTIONS: ReadonlySet<AuditAction> = new Set(['concern-raised', 'plan-removed']);

/** The chain fields a line carries in the clear. */
export interface ChainFields {
  chain: string;
  seq: number;
  prev: string;
  digest: string;
  link: string;
  by: LinkAuthor;
}

/** JSON with object keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What a line's link MAC covers: its place in its chain and its content's digest. */
export function linkInput(line: Omit<ChainFields, 'link'>): string {
  return ['aplis:audit-link:v1', line.chain, line.seq, line.prev, line.digest, line.by].join('\n');
}

/** What a coordinator's MAC over an erased line covers: that line's link, and nothing else. */
export function redactionInput(link: string): string {
  return `aplis:audit-redacted:v1\n${link}`;
}

/** An entry named in a verdict: when and what, never who or about whom. */
export type NamedEntry = Pick<AuditEntry, 'at' | 'action'>;

/**
 * Where the log stops being trustworthy:
 * - `missing`: a line is gone after `after` (absent: at the start of a chain);
 * - `changed`: the line `entry` was changed, moved or added;
 * - `unreadable`: the line after `after` cannot be opened or checked;
 * - `outside`: `entry` carries no chain, yet was written after chains began.
 */
export type AuditBreak =
  | { kind: 'missing'; after?: NamedEntry }
  | { kind: 'changed'; entry: NamedEntry }
  | { kind: 'unreadable'; after?: NamedEntry }
  | { kind: 'outside'; entry: NamedEntry };

export type AuditVerdict =
  | { intact: true; lines: number; redacted: number; unchained: number }
  | { intact: false; first: AuditBreak; lines: number };

/** One line as the checker sees it, after its MACs and content were checked. */
export interface CheckedLine {
  seq: number;
  prev: string;
  link: string;
  /** The link MAC verifies under its author's key. */
  linkValid: boolean;
  /** Opened content (absent: redacted or unreadable). */
  entry?: NamedEntry;
  /** The content matches `digest` (or the line is a valid redaction). */
  contentValid: boolean;
  redacted: boolean;
}

/** The first break in one chain, its lines in any order; undefined when it holds. */
export function firstBreakInChain(lines: readonly CheckedLine[]): AuditBreak | undefined {
  const ordered = [...lines].sort((a, b) => a.seq - b.seq);
  let prevLink = '';
  let lastGood: NamedEntry | undefined;
  let expected = 1;
  for (const line of ordered) {
    if (line.seq > expected) return { kind: 'missing', ...(lastGood ? { after: lastGood } : {}) };
    const fits = line.seq === expected && line.prev === prevLink && line.linkValid;
    if (!line.entry && !(line.redacted && line.contentValid && fits))
      return { kind: 'unreadable', ...(lastGood ? { after: lastGood } : {}) };
    if (!fits || !line.contentValid) {
      return line.entry
        ? { kind: 'changed', entry: line.entry }
        : { kind: 'unreadable', ...(lastGood ? { after: lastGood } : {}) };
    }
    if (line.entry) lastGood = line.entry;
    prevLink = line.link;
    expected += 1;
  }
  return undefined;
}

/** Of several breaks, the one to name first: the earliest by the date it names. */
export function earliestBreak(breaks: readonly AuditBreak[]): AuditBreak | undefined {
  const dateOf = (b: AuditBreak) =>
    ('entry' in b ? b.entry.at : 'after' in b ? b.after?.at : undefined) ?? '';
  return [...breaks].sort((a, b) => dateOf(a).localeCompare(dateOf(b)))[0];
}
