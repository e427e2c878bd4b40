// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { makeTestVault, setUpOrganisation } from '../testing/vault-fixture';
import { rekeyLegacyTombstones } from './after-unlock';
import { tombstoneIdFor } from './tombstones';

describe('after unlock', () => {
  it('re-keys tombstones that still name their row in the clear', async () => {
    const t = makeTestVault();
    await setUpOrganisation(t);
    const person = crypto.randomUUID();
    await t.db.tombstones.put({
      id: `participants/${person}`,
      table: 'participants',
      rowId: person,
      deletedAt: 5,
    });

    expect(await rekeyLegacyTombstones(t.db, t.vault)).toBe(1);

    expect(await t.db.tombstones.toArray()).toEqual([
      {
        id: await tombstoneIdFor(t.vault, 'participants', person),
        table: 'participants',
        deletedAt: 5,
      },
    ]);
    expect(await rekeyLegacyTombstones(t.db, t.vault)).toBe(0);
  });
});
