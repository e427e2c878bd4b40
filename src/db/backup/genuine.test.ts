// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { aCohort } from '../../testing/factories';
import { makeTestVault, setUpOrganisation } from '../../testing/vault-fixture';
import { genuineRows } from './genuine';

type Row = Record<string, unknown> & { id: string };

describe('rows a merge may take', () => {
  it('refuses a copy whose clear version was raised, or an old ciphertext under new stamps, and keeps genuine newer rows', async () => {
    const t = makeTestVault();
    await setUpOrganisation(t);
    const a = aCohort('A');
    const b = aCohort('B');
    await t.repos.cohorts.bulkPut([a, b]);
    const localA = (await t.db.cohorts.get(a.id))!;
    const localB = (await t.db.cohorts.get(b.id))!;
    const local = { cohorts: [localA, localB] as unknown as Row[] };

    await t.repos.cohorts.put({ ...b, name: 'B, renamed' });
    const genuineNewer = (await t.db.cohorts.get(b.id))!;
    const raised = { ...localA, version: 7, updatedAt: localA.updatedAt + 1 };
    const incoming = { cohorts: [raised, genuineNewer] as unknown as Row[] };

    const { tables, refused } = await genuineRows(incoming, local, t.repos);
    expect(tables.cohorts!.map((r) => r.id)).toEqual([b.id]);
    expect(refused).toEqual([{ table: 'cohorts', id: a.id, updatedAt: raised.updatedAt }]);
  });
});
