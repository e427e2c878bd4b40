// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { pack, PackedFormatError, unpack } from './packed';

/** What format 1 carried: the JSON of the value, byte arrays aside. */
const viaJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe('packed values', () => {
  it('gives back what JSON would, for every kind of value a row holds', () => {
    const record = {
      id: '97c55f6b-dcf7-88f0-a2ca-205efb304732',
      meetingId: 'ac1188c2-3856-4525-b6e2-725be783bd61',
      participantId: 'OV0NYDVFE1fnZaXvH7laBg',
      updatedAt: 1_796_286_533_781,
      version: 1,
      status: 'present',
      seq: 0,
      negative: -5,
      bigNegative: -1_796_286_533_781,
      fraction: 0.1 + 0.2,
      tiny: 5e-324,
      big: 2 ** 60,
      yes: true,
      no: false,
      nothing: null,
      empty: '',
      text: 'Līga — Олена 🌱 "quoted" \\ back',
      upperUuid: '97C55F6B-DCF7-88F0-A2CA-205EFB304732',
      // 22 base64url characters whose last carries bits a 16-byte value cannot have.
      notAToken: 'OV0NYDVFE1fnZaXvH7laBh',
      almostUuid: '97c55f6b-dcf7-88f0-a2ca-205efb30473',
      list: [1, 'two', [3], { four: 4 }, null],
      nested: { holder: { kind: 'recovery' }, kdf: { alg: 'PBKDF2-SHA256', iterations: 600_000 } },
      'a key no dictionary has': 1,
      createdAt: '2026-12-03T08:28:53.595Z',
    };
    const [back] = unpack(pack([record]), 1);
    expect(back).toEqual(record);
    expect(back).toEqual(viaJson(record));
    expect(Object.keys(back as object)).toEqual(Object.keys(record));
  });

  it('keeps byte arrays as bytes, empty ones too', () => {
    const value = { sealed: new Uint8Array([0, 1, 2, 255]), salt: new Uint8Array(0) };
    const [back] = unpack(pack([value]), 1) as [typeof value];
    expect(back.sealed).toBeInstanceOf(Uint8Array);
    expect(back).toEqual(value);
  });

  it('does as JSON does with undefined, non-finite numbers, -0 and dates', () => {
    const value = {
      gone: undefined,
      list: [undefined, NaN, Infinity],
      minusZero: -0,
      when: new Date('2026-12-03T08:00:00.000Z'),
    };
    expect(unpack(pack([value]), 1)[0]).toEqual(viaJson(value));
  });

  it('does not let a key named __proto__ change what the object is', () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "id": "x"}') as object;
    const [back] = unpack(pack([value]), 1) as [Record<string, unknown>];
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(back)).toEqual(['__proto__', 'id']);
  });

  it('packs ids and tokens as their bytes, far smaller than their text', () => {
    const uuid = '97c55f6b-dcf7-88f0-a2ca-205efb304732';
    expect(pack([uuid]).length).toBe(17);
    expect(pack(['OV0NYDVFE1fnZaXvH7laBg']).length).toBe(17);
    expect(pack([{ sealed: new Uint8Array(277) }]).length).toBe(2 + 1 + 1 + 2 + 277);
  });

  it('pads with zeros to the size asked, and reads through them', () => {
    const bytes = pack(['participants', { id: 'p' }], () => 512);
    expect(bytes.length).toBe(512);
    expect(unpack(bytes, 2)).toEqual(['participants', { id: 'p' }]);
  });

  it('refuses bytes that end early, an unknown tag, or anything but zeros after the values', () => {
    const bytes = pack(['participants', { id: 'p-1', sealed: new Uint8Array(8) }], () => 64);
    const used = pack(['participants', { id: 'p-1', sealed: new Uint8Array(8) }]).length;
    expect(() => unpack(bytes.subarray(0, used - 1), 2)).toThrow(PackedFormatError);
    const junk = bytes.slice();
    junk[used + 3] = 1;
    expect(() => unpack(junk, 2)).toThrow(PackedFormatError);
    expect(() => unpack(new Uint8Array([99]), 1)).toThrow(PackedFormatError);
    // A length far past the end.
    expect(() => unpack(new Uint8Array([6, 0xff, 0xff, 0x7f]), 1)).toThrow(PackedFormatError);
    expect(() =>
      unpack(new Uint8Array([6, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]), 1),
    ).toThrow(PackedFormatError);
  });
});
