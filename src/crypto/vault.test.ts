import { describe, expect, it } from 'vitest';
import { DamagedRecordError, VaultError } from './errors';
import { deriveBits, newKdfParams, type KdfPolicy } from './kdf';
import {
  createWrap,
  generateDataKey,
  generateRecoveryCode,
  looksLikeRecoveryCode,
  normaliseRecoveryCode,
  openAnyWrap,
} from './keyring';
import { IV_BYTES, openRow, sealRow } from './seal';

// Unit tests only: a low iteration count, injected. The production floor is tested below.
const testPolicy: KdfPolicy = { iterations: 1_000, floor: 1_000 };

describe('sealing rows', () => {
  it('gives back exactly what was sealed', async () => {
    const key = await generateDataKey();
    const value = { chosenName: 'Anniņa Bērziņa', note: 'Ļoti klusa šodien — «ok»', n: 3 };
    const sealed = await sealRow(key, 'participants', 'p1', value);
    expect(await openRow(key, 'participants', 'p1', sealed)).toEqual(value);
  });

  it('never stores the plain text', async () => {
    const key = await generateDataKey();
    const sealed = await sealRow(key, 'notes', 'n1', { text: 'DistinctiveSecretWord' });
    expect(new TextDecoder().decode(sealed)).not.toContain('DistinctiveSecretWord');
  });

  it('uses a fresh IV on each of 10,000 writes', async () => {
    const key = await generateDataKey();
    const ivs = new Set<string>();
    const sealed = await Promise.all(
      Array.from({ length: 10_000 }, (_, i) =>
        sealRow(key, 'notes', `n${i % 10}`, { same: 'value' }),
      ),
    );
    for (const s of sealed) ivs.add(Array.from(s.subarray(0, IV_BYTES)).join(','));
    expect(ivs.size).toBe(10_000);
  });

  it('detects a single flipped bit anywhere in the payload', async () => {
    const key = await generateDataKey();
    const sealed = await sealRow(key, 'notes', 'n1', { text: 'hello' });
    for (const position of [0, IV_BYTES, sealed.length - 1]) {
      const damaged = sealed.slice();
      damaged[position]! ^= 0b0000_0100;
      await expect(openRow(key, 'notes', 'n1', damaged)).rejects.toBeInstanceOf(DamagedRecordError);
    }
  });

  it('refuses a payload moved to another row id or table', async () => {
    const key = await generateDataKey();
    const sealed = await sealRow(key, 'participants', 'anna', { chosenName: 'Anna' });
    await expect(openRow(key, 'participants', 'beta', sealed)).rejects.toBeInstanceOf(
      DamagedRecordError,
    );
    await expect(openRow(key, 'staff', 'anna', sealed)).rejects.toBeInstanceOf(DamagedRecordError);
  });

  it('refuses a truncated or non-binary payload', async () => {
    const key = await generateDataKey();
    const sealed = await sealRow(key, 'notes', 'n1', { text: 'hello' });
    await expect(openRow(key, 'notes', 'n1', sealed.slice(0, 20))).rejects.toBeInstanceOf(
      DamagedRecordError,
    );
    await expect(openRow(key, 'notes', 'n1', 'not bytes')).rejects.toBeInstanceOf(
      DamagedRecordError,
    );
  });

  it('cannot be opened with another data key', async () => {
    const sealed = await sealRow(await generateDataKey(), 'notes', 'n1', { text: 'hello' });
    await expect(openRow(await generateDataKey(), 'notes', 'n1', sealed)).rejects.toBeInstanceOf(
      DamagedRecordError,
    );
  });
});

describe('key wraps', () => {
  async function wrapFor(secret: string, policy = testPolicy) {
    const dataKey = await generateDataKey();
    const wrap = await createWrap({
      dataKey,
      secret,
      holder: { kind: 'staff', staffId: crypto.randomUUID() },
      policy,
      derive: deriveBits,
    });
    return { dataKey, wrap };
  }

  it('opens the data key with the right passphrase and seals interchangeably', async () => {
    const { dataKey, wrap } = await wrapFor('correct horse battery staple');
    const opened = await openAnyWrap(
      [wrap],
      'correct horse battery staple',
      testPolicy,
      deriveBits,
    );
    const sealed = await sealRow(dataKey, 't', 'x', { a: 1 });
    expect(await openRow(opened.dataKey, 't', 'x', sealed)).toEqual({ a: 1 });
  });

  it('says wrong passphrase and leaves the wrap unchanged', async () => {
    const { wrap } = await wrapFor('correct horse battery staple');
    const before = Array.from(wrap.wrapped);
    const error = await openAnyWrap(
      [wrap],
      'correct horse battery stapler',
      testPolicy,
      deriveBits,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
    expect((error as VaultError).code).toBe('wrong-passphrase');
    expect(Array.from(wrap.wrapped)).toEqual(before);
  });

  it('finds the right slot among several staff wraps sharing one salt', async () => {
    const dataKey = await generateDataKey();
    const kdf = newKdfParams(testPolicy);
    const make = (secret: string) =>
      createWrap({
        dataKey,
        secret,
        holder: { kind: 'staff', staffId: crypto.randomUUID() },
        policy: testPolicy,
        derive: deriveBits,
        kdf,
      });
    const wraps = [await make('first person phrase'), await make('second person phrase')];
    const opened = await openAnyWrap(wraps, 'second person phrase', testPolicy, deriveBits);
    expect(opened.wrap).toBe(wraps[1]);
  });

  it('refuses key-derivation parameters below the floor when read', async () => {
    const weak = await wrapFor('correct horse battery staple', { iterations: 999, floor: 1 });
    const error = await openAnyWrap(
      [weak.wrap],
      'correct horse battery staple',
      testPolicy,
      deriveBits,
    ).catch((e: unknown) => e);
    expect((error as VaultError).code).toBe('kdf-too-weak');
  });

  it('will not create a wrap below the production floor of 600,000 iterations', async () => {
    const { productionKdfPolicy } = await import('./kdf');
    expect(productionKdfPolicy.floor).toBeGreaterThanOrEqual(600_000);
    await expect(
      createWrap({
        dataKey: await generateDataKey(),
        secret: 'x'.repeat(12),
        holder: { kind: 'recovery' },
        policy: productionKdfPolicy,
        derive: deriveBits,
        kdf: newKdfParams({ iterations: 100_000, floor: 0 }),
      }),
    ).rejects.toThrow('kdf-too-weak');
  });
});

describe('recovery codes', () => {
  it('are 25 characters in five groups and read back despite case, spaces and look-alikes', () => {
    const code = generateRecoveryCode();
    expect(code).toMatch(/^([0-9A-Z]{5}-){4}[0-9A-Z]{5}$/);
    expect(looksLikeRecoveryCode(code)).toBe(true);
    const messy = ` ${code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l')} `;
    expect(normaliseRecoveryCode(messy)).toBe(code);
  });

  it('differ every time', () => {
    const codes = new Set(Array.from({ length: 200 }, generateRecoveryCode));
    expect(codes.size).toBe(200);
  });
});
