/**
 * Per-device server accounts (issue #16): when a coordinator makes a join
 * code, the app creates a CouchDB account for that one device and lets it
 * into the organisation's database, so a lost device is shut out without
 * touching anyone else, and the coordinator's own password never travels in
 * a code.
 *
 * What CouchDB 3 asks for (deploy/README.md):
 * - an account let into `_users` (CouchDB 3 keeps it admin-only until IT
 *   names the coordinator's account in `_users/_security`) may create a new
 *   account as long as it gives it no roles (CouchDB's own `_users`
 *   validation), so the device's account gets none;
 * - only an admin of the database (`_security.admins`) may change
 *   `_security`, where the device's name is added to `members.names`.
 *
 * A coordinator account that is not an admin of the database (or not let
 * into `_users`) is refused, and nothing is left behind: the caller falls back to putting
 * the coordinator's own account in the code, and says so on screen.
 *
 * Revoking takes the name out of `_security.members` (the device is refused
 * at its next request). Its account stays in `_users`, unable to open
 * anything, until whoever runs the server deletes it (only a server admin
 * may delete another account).
 */
import { randomBytes, toBase64, utf8 } from '../crypto/bytes';
import type { SyncSettings } from '../db/sync/settings';
import { remoteUrl, serverUrl } from './server-url';
import type { JoinedDevice } from './types';

/** Every device account's name starts so; the rest is its creation time and a random part. */
export const DEVICE_PREFIX = 'aplis-device-';

/** The account's name is neutral: no person's name, nothing about the device. */
export type DeviceAccount = JoinedDevice;

type Fetch = typeof fetch;
type Account = Pick<SyncSettings, 'server' | 'database' | 'username' | 'password'>;

/** The server answered with an error status (problems.ts turns it into a SyncProblem). */
export class ServerRefusal extends Error {
  constructor(readonly status: number) {
    super(`the server answered ${status}`);
    this.name = 'ServerRefusal';
  }
}

interface NamesAndRoles {
  names?: string[];
  roles?: string[];
}
interface SecurityObject {
  admins?: NamesAndRoles;
  members?: NamesAndRoles;
  [other: string]: unknown;
}

const b64url = (bytes: Uint8Array) =>
  toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A new device account's name: the prefix, when it was made (base 36) and 48 random bits. */
export function newDeviceName(now: number): string {
  return `${DEVICE_PREFIX}${now.toString(36)}-${hex(randomBytes(6))}`;
}

/** When a device account was made, from its name; undefined for a name that is not one. */
export function deviceCreatedAt(name: string): number | undefined {
  const match = /^aplis-device-([0-9a-z]+)-[0-9a-f]+$/.exec(name);
  if (!match) return undefined;
  const at = parseInt(match[1]!, 36);
  return Number.isSafeInteger(at) ? at : undefined;
}

function authorization(account: Account): string {
  return 'Basic ' + toBase64(utf8(`${account.username}:${account.password}`));
}

/** 401 and 403: this account may not do that. */
const isRefused = (status: number) => status === 401 || status === 403;

export function deviceAccounts(options: { fetch?: Fetch; origin: string }) {
  const doFetch: Fetch = options.fetch ?? ((...args) => globalThis.fetch(...args));

  async function request(
    account: Account,
    method: string,
    url: string,
    body?: unknown,
  ): Promise<Response> {
    return doFetch(url, {
      method,
      credentials: 'omit',
      headers: {
        authorization: authorization(account),
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  const securityUrl = (account: Account) => `${remoteUrl(account, options.origin)}/_security`;
  const userUrl = (account: Account, name: string) =>
    `${serverUrl(account, options.origin)}/_users/org.couchdb.user:${encodeURIComponent(name)}`;

  /**
   * The database's `_security`. Every member may read it, so a refusal here
   * means the account itself is wrong (or not let in at all): that rejects.
   */
  async function readSecurity(account: Account): Promise<SecurityObject> {
    const response = await request(account, 'GET', securityUrl(account));
    if (!response.ok) throw new ServerRefusal(response.status);
    const body = (await response.json()) as unknown;
    return typeof body === 'object' && body !== null ? (body as SecurityObject) : {};
  }

  /** Writes `_security` with the members' names changed; false when this account may not. */
  async function changeMembers(
    account: Account,
    security: SecurityObject,
    change: (names: string[]) => string[],
  ): Promise<boolean> {
    const members = security.members ?? {};
    const next: SecurityObject = {
      ...security,
      admins: { names: security.admins?.names ?? [], roles: security.admins?.roles ?? [] },
      members: { names: change(members.names ?? []), roles: members.roles ?? [] },
    };
    const response = await request(account, 'PUT', securityUrl(account), next);
    if (isRefused(response.status)) return false;
    if (!response.ok) throw new ServerRefusal(response.status);
    return true;
  }

  return {
    /**
     * Makes an account for one further device and lets it into the database.
     * 'not-admin' when the coordinator's account may not change `_security`
     * (nothing was created then).
     */
    async create(
      coordinator: Account,
      now: number,
    ): Promise<{ username: string; password: string } | 'not-admin'> {
      const security = await readSecurity(coordinator);
      const username = newDeviceName(now);
      const password = b64url(randomBytes(24));
      // The name goes into _security first: refused there, nothing exists yet.
      if (!(await changeMembers(coordinator, security, (names) => [...names, username])))
        return 'not-admin';
      const created = await request(coordinator, 'PUT', userUrl(coordinator, username), {
        name: username,
        password,
        roles: [],
        type: 'user',
      });
      if (!created.ok) {
        // Take the name out again, so a name without an account is not left waiting in _security.
        await readSecurity(coordinator)
          .then((now) =>
            changeMembers(coordinator, now, (names) => names.filter((n) => n !== username)),
          )
          .catch(() => false);
        // CouchDB 3 keeps _users closed unless IT let this account in (deploy/README.md step 7).
        if (isRefused(created.status)) return 'not-admin';
        throw new ServerRefusal(created.status);
      }
      return { username, password };
    },

    /** The device accounts let into the database, oldest first. */
    async list(coordinator: Account): Promise<DeviceAccount[]> {
      const security = await readSecurity(coordinator);
      return (security.members?.names ?? [])
        .map((name) => ({ name, createdAt: deviceCreatedAt(name) }))
        .filter((d): d is DeviceAccount => d.createdAt !== undefined)
        .sort((a, b) => a.createdAt - b.createdAt);
    },

    /** Shuts a device out: its name leaves `_security.members`. False when this account may not. */
    async revoke(coordinator: Account, name: string): Promise<boolean> {
      const security = await readSecurity(coordinator);
      return changeMembers(coordinator, security, (names) => names.filter((n) => n !== name));
    },
  };
}

export type DeviceAccounts = ReturnType<typeof deviceAccounts>;
