// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DamagedRecordError, NewerKeyError } from './errors';
import { generateDataKey } from './keyring';
import { sealedGeneration } from './seal';
import { Vault } from './vault';

const SESSION = { staffId: 's1', viaRecovery: false };

async function sessions() {
  const root = await generateDataKey();
  const second = await generateDataKey();
  const old = new Vault();
  old.open(root, SESSION);
  const rotated = new Vault();
  rotated.open(root, SESSION, { generations: new Map([[2, second]]) });
  return { old, rotated };
}

describe('team key generations in the vault', () => {
  it('seals team rows with the newest generation and still opens the first', async () => {
    const { old, rotated } = await sessions();
    const before = await old.seal('cohorts', 'c1', { name: 'before' }, 1);
    const after = await rotated.seal('cohorts', 'c2', { name: 'after' }, 1);
    expect(sealedGeneration(before)).toBeUndefined();
    expect(sealedGeneration(after)).toBe(2);
    expect(await rotated.unseal('cohorts', 'c1', before, 1)).toEqual({ name: 'before' });
    expect(await rotated.unseal('cohorts', 'c2', after, 1)).toEqual({ name: 'after' });
  });

  it('tells a session on the old key that a newer one exists, as a row it cannot open', async () => {
    const { old, rotated } = await sessions();
    const after = await rotated.seal('cohorts', 'c2', { name: 'after' }, 1);
    let told = 0;
    old.subscribe(() => told++);
    await expect(old.unseal('cohorts', 'c2', after, 1)).rejects.toBeInstanceOf(NewerKeyError);
    expect(old.newerKeySeen).toBe(2);
    expect(told).toBe(1);
  });

  it('refuses a row whose generation byte was changed, or that was moved to another row', async () => {
    const { rotated } = await sessions();
    const after = await rotated.seal('cohorts', 'c2', { name: 'after' }, 1);
    const relabelled = after.slice();
    relabelled[3] = 3;
    await expect(rotated.unseal('cohorts', 'c2', relabelled, 1)).rejects.toBeInstanceOf(
      DamagedRecordError,
    );
    await expect(rotated.unseal('cohorts', 'c3', after, 1)).rejects.toBeInstanceOf(
      DamagedRecordError,
    );
    await expect(rotated.unseal('cohorts', 'c2', after, 2)).rejects.toBeInstanceOf(
      DamagedRecordError,
    );
  });

  it('forgets every generation on lock', async () => {
    const { rotated } = await sessions();
    rotated.lock();
    expect(rotated.teamGeneration).toBe(1);
  });
});
