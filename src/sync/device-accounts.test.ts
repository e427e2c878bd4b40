// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { FAKE_ORIGIN, fakeCouch } from '../testing/fake-couch-accounts';
import { DEVICE_PREFIX, deviceAccounts, deviceCreatedAt, newDeviceName } from './device-accounts';

const coordinator = { server: '', database: 'org', username: 'office', password: 'office pw' };
const at = Date.UTC(2026, 11, 3, 5, 30);

function setUp(admins: string[], usersOpen = true) {
  const couch = fakeCouch({
    database: 'org',
    admins,
    usersOpen,
    accounts: { office: 'office pw' },
  });
  return { couch, accounts: deviceAccounts({ fetch: couch.fetch, origin: FAKE_ORIGIN }) };
}

describe('per-device server accounts', () => {
  it('makes an account for one device and lets only it (and the admins) into the database', async () => {
    const { couch, accounts } = setUp(['office']);
    const made = await accounts.create(coordinator, at);
    if (made === 'not-admin') throw new Error('refused');
    expect(made.username.startsWith(DEVICE_PREFIX)).toBe(true);
    expect(made.password.length).toBeGreaterThanOrEqual(32);
    expect(made.password).not.toContain('office');
    expect(couch.mayRead('org', made.username, made.password)).toBe(true);
    expect(couch.mayRead('org', made.username, 'guess')).toBe(false);
    // The account has no roles: CouchDB lets a non-admin make it only so.
    expect(couch.accounts.get(made.username)?.roles).toEqual([]);
    // The name went into _security before the account existed.
    expect(couch.requests.filter((r) => !r.startsWith('GET'))).toEqual([
      'PUT /org/_security',
      `PUT /_users/org.couchdb.user:${made.username}`,
    ]);
    expect(await accounts.list(coordinator)).toEqual([{ name: made.username, createdAt: at }]);
  });

  it('gives every device its own account', async () => {
    const { accounts } = setUp(['office']);
    const a = await accounts.create(coordinator, at);
    const b = await accounts.create(coordinator, at + 1000);
    if (a === 'not-admin' || b === 'not-admin') throw new Error('refused');
    expect(a.username).not.toBe(b.username);
    expect(a.password).not.toBe(b.password);
    expect((await accounts.list(coordinator))?.map((d) => d.name)).toEqual([
      a.username,
      b.username,
    ]);
  });

  it('shuts a revoked device out and leaves the others in', async () => {
    const { couch, accounts } = setUp(['office']);
    const a = await accounts.create(coordinator, at);
    const b = await accounts.create(coordinator, at + 1);
    if (a === 'not-admin' || b === 'not-admin') throw new Error('refused');
    expect(await accounts.revoke(coordinator, a.username)).toBe(true);
    expect(couch.mayRead('org', a.username, a.password)).toBe(false);
    expect(couch.mayRead('org', b.username, b.password)).toBe(true);
    expect(couch.mayRead('org', 'office', 'office pw')).toBe(true);
    expect((await accounts.list(coordinator))?.map((d) => d.name)).toEqual([b.username]);
  });

  it('says "not-admin" and creates nothing when the coordinator is not an admin of the database', async () => {
    const { couch, accounts } = setUp([]);
    expect(await accounts.create(coordinator, at)).toBe('not-admin');
    expect([...couch.accounts.keys()]).toEqual(['office']);
    expect(couch.security.get('org')?.members.names).toEqual([]);
    expect(await accounts.revoke(coordinator, 'aplis-device-x-00')).toBe(false);
  });

  it('says "not-admin" and leaves nothing behind when the server keeps _users closed to the coordinator', async () => {
    const { couch, accounts } = setUp(['office'], false);
    expect(await accounts.create(coordinator, at)).toBe('not-admin');
    expect([...couch.accounts.keys()]).toEqual(['office']);
    expect(couch.security.get('org')?.members.names).toEqual([]);
  });

  it('rejects with the status when the account is wrong', async () => {
    const { accounts } = setUp(['office']);
    await expect(accounts.create({ ...coordinator, password: 'wrong' }, at)).rejects.toMatchObject({
      status: 401,
    });
  });

  it('lists only device accounts, read back from their names', () => {
    const name = newDeviceName(at);
    expect(deviceCreatedAt(name)).toBe(at);
    expect(deviceCreatedAt('office')).toBeUndefined();
    expect(deviceCreatedAt('aplis-device-')).toBeUndefined();
  });
});
