import { describe, expect, it } from 'vitest';
import { connectErrors } from './connect-settings';

const valid = { server: '', database: 'aplis_gaisma', username: 'ilze', password: 'pw' };

describe('the connect form’s rules', () => {
  it('takes an empty server as this app’s own, or a whole http(s) address', () => {
    expect(connectErrors(valid)).toEqual({});
    expect(connectErrors({ ...valid, server: 'https://sync.example.org' })).toEqual({});
    expect(connectErrors({ ...valid, server: 'sync.example.org' })).toEqual({
      server: 'serverInvalid',
    });
    expect(connectErrors({ ...valid, server: 'ftp://sync.example.org' })).toEqual({
      server: 'serverInvalid',
    });
  });

  it('holds CouchDB’s rule for database names: a small letter first, then a few signs', () => {
    expect(connectErrors({ ...valid, database: 'team-2026/riga' })).toEqual({});
    expect(connectErrors({ ...valid, database: 'Aplis' }).database).toBe('databaseInvalid');
    expect(connectErrors({ ...valid, database: '2aplis' }).database).toBe('databaseInvalid');
    expect(connectErrors({ ...valid, database: '  ' }).database).toBe('required');
  });

  it('needs an account name and a password', () => {
    expect(connectErrors({ ...valid, username: ' ', password: '' })).toEqual({
      username: 'required',
      password: 'required',
    });
  });
});
