/**
 * The contract between the sync engine (src/sync/*) and the screens that show
 * and steer it (Settings → Sync, the header's sync line, joining a device).
 * Types only: importing this file loads nothing — PouchDB and the bridge stay
 * in their lazy chunk until sync is switched on.
 */

/** What the header's sync line says. */
export type SyncState =
  /** This device is not connected to a server. */
  | 'off'
  /** Everything this device wrote is on the server and it has what the server has. */
  | 'synced'
  /** Working: pushing or pulling (see `waiting` and `progress`). */
  | 'syncing'
  /** The server cannot be reached; changes wait on this device. */
  | 'offline'
  /** Something needs a person: see `problem`. */
  | 'attention';

/** Why sync needs attention, each with its own plain message on screen. */
export type SyncProblem =
  | 'unreachable'
  | 'wrong-account'
  | 'database-missing'
  /** The database holds another organisation's vault. */
  | 'foreign-database'
  | 'device-full'
  | 'server-full'
  /** Another tab of the app on this device is the one that syncs (navigator.locks). */
  | 'other-tab'
  /** The team key changed (a staff member was deactivated): unlock again. */
  | 'unlock-again';

/** Why a document from the server was refused. Nothing local changed. */
export type SyncRefusalReason =
  /** It failed to authenticate (bit-flipped, forged). */
  | 'damaged'
  /** Older than the version this device has applied (a replay). */
  | 'older'
  /** Sealed under another organisation's keys. */
  | 'foreign'
  /** Written by a newer version of Aplis, in a format this build cannot read yet: read once it is updated. */
  | 'newer';

export interface SyncRefusal {
  reason: SyncRefusalReason;
  /** Epoch ms this device refused it. */
  at: number;
  /** How many documents were refused for this reason in that pass. */
  count: number;
}

export interface SyncProgress {
  phase: 'first-push' | 'first-pull' | 'reseal';
  done: number;
  total: number;
}

export interface SyncStatus {
  state: SyncState;
  /** Whether this device has a server to sync with (connected or joined). */
  connected: boolean;
  /** Changes made on this device not yet on the server. */
  waiting: number;
  /** Epoch ms of the last pass that finished without a problem. */
  lastSyncAt?: number;
  progress?: SyncProgress;
  problem?: SyncProblem;
  /** The last refusals, newest first (a few). */
  refusals: readonly SyncRefusal[];
  /**
   * Records were refused since someone last looked at Settings → Sync: the
   * header says sync needs attention until then, though sync goes on.
   */
  unseenRefusals?: boolean;
  /**
   * This device joined, but was closed before anyone unlocked it: the join's
   * server password was kept in memory only, so the join code is needed again
   * (the same code works again on this device until it runs out).
   */
  joinAgain?: boolean;
}

/** What a coordinator types in Settings → Sync to connect the organisation. */
export interface ConnectSettings {
  /** The server's address; '' means this app's own origin (`/sync/`). */
  server: string;
  database: string;
  username: string;
  password: string;
}

/** A one-time code that lets a further device join (text, also drawn as a QR code). */
export interface JoinCode {
  text: string;
  /** Epoch ms after which the code no longer works (24 h). */
  expiresAt: number;
  /**
   * 'device': the code carries a server account made for that one device.
   * 'shared': the server did not let this coordinator's account make one (it
   * is not an admin of the database), so the code carries the coordinator's
   * own account.
   */
  account: 'device' | 'shared';
}

/** A server account made for one device that joined (or may join) with a code. */
export interface JoinedDevice {
  /** The account's name on the server (neutral, e.g. aplis-device-mis5g1k0-3f9a2c81d0e4). */
  name: string;
  /** Epoch ms the coordinator made its join code. */
  createdAt: number;
}

export interface SyncController {
  /** The current status (a stable object until it changes: fit for useSyncExternalStore). */
  status(): SyncStatus;
  subscribe(listener: () => void): () => void;
  /**
   * Rows from the server were written to this device's tables: screens that
   * show them read them again (the query cache never goes stale by itself).
   */
  onApplied?(listener: () => void): () => void;
  /** A coordinator connects this device and the organisation; the first push runs with progress. */
  connect(settings: ConnectSettings): Promise<void>;
  /** A coordinator makes a join code for one further device. */
  createJoinCode(): Promise<JoinCode>;
  /** A new, empty device joins with a code, then pulls; staff unlock afterwards with their own passphrase. */
  join(code: string): Promise<void>;
  /**
   * Resolves once a join's documents are all on this device and the key
   * wraps among them applied (a fetch that failed is started again first):
   * true when some were still coming, false at once when none were. The
   * unlock screen waits for it before it says "wrong passphrase": a person's
   * key wrap may come late.
   */
  received?(): Promise<boolean>;
  /**
   * A join ended and not all of its records are here yet: the keyring may be
   * partial (a wrap, the box or the roster rewritten after the first push
   * comes late in the server's feed). An unlock then makes no keys of its own
   * (keyring-unlock.ts `keyringComplete`).
   */
  incomplete?(): boolean;
  /** Settings → Sync showed the refusals: the header stops asking for attention for them. */
  refusalsSeen?(): void;
  /**
   * The device accounts that may use the database (Settings → Sync, for a
   * coordinator); undefined when the server does not show them to this account.
   */
  devices(): Promise<JoinedDevice[] | undefined>;
  /** Shuts one device out of the server: it is refused at its next request. */
  revokeDevice(name: string): Promise<void>;
  /** Push and pull now. */
  syncNow(): Promise<void>;
  /** Stops at once (Lock, Quick exit). Sync resumes after the next unlock. */
  stop(): void;
  /** Stops syncing and forgets the server; local data stays. */
  disconnect(): Promise<void>;
  /** Stops syncing and wipes this device's data and replica. */
  leaveAndWipe(): Promise<void>;
}

/** Why a join code was not taken (the typed code stays in its field). */
export type JoinCodeProblem = 'code-invalid' | 'code-expired' | 'code-used';

/**
 * What `connect()` and `join()` reject with when the reason is known: an Error
 * whose `problem` the screens turn into a plain message. Any other rejection
 * is shown as a general "could not connect, nothing changed".
 */
export interface SyncFailure extends Error {
  problem: SyncProblem | JoinCodeProblem;
}
