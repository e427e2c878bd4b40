/**
 * Only what load-engine.ts uses of pouchdb-browser, typed here: its own
 * typings pull in node's (imported by its ES file's path, so they are not found), which change the app's global types.
 */
declare module 'pouchdb-browser/lib/index.es.js' {
  const PouchDB: new (name: string, options?: object) => unknown;
  export default PouchDB;
}
