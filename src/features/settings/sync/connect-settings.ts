import type { ConnectSettings } from '../../../sync/types';

export type ConnectFieldError = 'required' | 'serverInvalid' | 'databaseInvalid';

/** CouchDB's rule for database names (a small letter first). */
const DATABASE_NAME = /^[a-z][a-z0-9_$()+/-]*$/;

function validServer(server: string): boolean {
  if (server === '') return true;
  try {
    const url = new URL(server);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** What a coordinator typed, as the engine takes it: spaces around the names dropped. */
export function connectSettings(values: ConnectSettings): ConnectSettings {
  return {
    server: values.server.trim(),
    database: values.database.trim(),
    username: values.username.trim(),
    // A password is taken exactly as typed: a space may belong to it.
    password: values.password,
  };
}

/** Each field's problem, if it has one; an empty server means this app's own. */
export function connectErrors(
  values: ConnectSettings,
): Partial<Record<keyof ConnectSettings, ConnectFieldError>> {
  const v = connectSettings(values);
  const errors: Partial<Record<keyof ConnectSettings, ConnectFieldError>> = {};
  if (!validServer(v.server)) errors.server = 'serverInvalid';
  if (!v.database) errors.database = 'required';
  else if (!DATABASE_NAME.test(v.database)) errors.database = 'databaseInvalid';
  if (!v.username) errors.username = 'required';
  if (!v.password) errors.password = 'required';
  return errors;
}
