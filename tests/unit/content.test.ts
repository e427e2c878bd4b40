/**
 * The shipped curricula (`sessions/<programme>/<lng>.json`) and the UI texts
 * (`locales/<lng>/<ns>.json`): every language must say the same things in the
 * same shape, with nothing left empty.
 */
import { describe, expect, it } from 'vitest';
import { programmeContentSchema, type ProgrammeContent } from '../../src/domain/programme';
import {
  languageScripts,
  namespaces,
  uiLanguages,
  type UiLanguage,
} from '../../src/i18n/languages';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const sessionFiles = import.meta.glob<Json>('/sessions/*/*.json', {
  eager: true,
  import: 'default',
});
const localeFiles = import.meta.glob<Json>('/locales/*/*.json', { eager: true, import: 'default' });
const templateFiles = import.meta.glob<Json>('/src/features/screening/templates/*.json', {
  eager: true,
  import: 'default',
});
const sourceFiles = import.meta.glob<string>(
  ['/src/**/*.{ts,tsx}', '!/src/**/*.test.{ts,tsx}', '!/src/testing/**'],
  {
    eager: true,
    query: '?raw',
    import: 'default',
  },
);

/** `/sessions/lotus/en.json` → { group: 'lotus', lng: 'en' } */
function parts(path: string): { group: string; lng: string } {
  const [, , group, file] = path.split('/');
  return { group: group!, lng: file!.replace(/\.json$/, '') };
}

function groupBy(files: Record<string, Json>): Map<string, Map<string, Json>> {
  const groups = new Map<string, Map<string, Json>>();
  for (const [path, content] of Object.entries(files)) {
    const { group, lng } = parts(path);
    if (!groups.has(group)) groups.set(group, new Map());
    groups.get(group)!.set(lng, content);
  }
  return groups;
}

/** Paths ("meetings.2.activities.0.title") of every string that is empty or only whitespace. */
function emptyStrings(value: Json, path = ''): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [path || '(root)'] : [];
  if (Array.isArray(value))
    return value.flatMap((item, i) => emptyStrings(item, path ? `${path}.${i}` : String(i)));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      emptyStrings(item, path ? `${path}.${key}` : key),
    );
  }
  return [];
}

/** Every leaf key of a locale file, dotted: "nav.programmes". */
function leafKeys(value: Json, prefix = ''): string[] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, item]) =>
      leafKeys(item, prefix ? `${prefix}.${key}` : key),
    );
  }
  return [prefix];
}

function leafValue(value: Json, key: string): Json | undefined {
  let current: Json | undefined = value;
  for (const part of key.split('.')) {
    if (!current || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = current[part];
  }
  return current;
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const baseKey = (key: string) => key.replace(PLURAL_SUFFIX, '');

const sessions = groupBy(sessionFiles);
const locales = groupBy(localeFiles); // group = language here: /locales/<lng>/<ns>.json

function programme(id: string, lng: string): ProgrammeContent {
  const content = sessions.get(id)?.get(lng);
  if (!content) throw new Error(`no sessions/${id}/${lng}.json`);
  return programmeContentSchema.parse(content);
}

describe('shipped curricula', () => {
  it('ships Lotus and the peer-support programme in every interface language', () => {
    expect([...sessions.keys()].sort()).toEqual(['lotus', 'peer-support']);
    for (const [id, files] of sessions) {
      expect([...files.keys()].sort(), `languages of ${id}`).toEqual([...uiLanguages].sort());
    }
  });

  for (const [path, content] of Object.entries(sessionFiles)) {
    it(`${path} passes the curriculum schema (minutes add up, meetings numbered in order)`, () => {
      const result = programmeContentSchema.safeParse(content);
      expect(
        result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      ).toEqual([]);
    });

    it(`${path} has no empty text`, () => {
      expect(emptyStrings(content)).toEqual([]);
    });

    it(`${path} is stored under its own programme id`, () => {
      expect((content as { id: string }).id).toBe(parts(path).group);
    });
  }

  for (const [id, files] of sessions) {
    it(`${id}: every language has the same meetings and activities, with the same minutes, in the same order`, () => {
      const shape = (lng: string) => {
        const p = programme(id, lng);
        return {
          kind: p.kind,
          format: p.format,
          meetingMinutes: p.meetingMinutes,
          meetings: p.meetings.map((m) => ({
            id: m.id,
            number: m.number,
            hasCaution: m.caution !== undefined,
            aims: m.aims.length,
            materials: m.materials.length,
            activities: m.activities.map((a) => `${a.id}:${a.minutes}`),
          })),
        };
      };
      const [first, ...others] = [...files.keys()];
      for (const lng of others)
        expect(shape(lng), `${id}/${lng}.json against ${id}/${first}.json`).toEqual(shape(first!));
    });

    it(`${id}: meeting and activity ids are unique`, () => {
      const p = programme(id, 'en');
      const meetingIds = p.meetings.map((m) => m.id);
      const activityIds = p.meetings.flatMap((m) => m.activities.map((a) => a.id));
      expect(new Set(meetingIds).size).toBe(meetingIds.length);
      expect(new Set(activityIds).size).toBe(activityIds.length);
    });
  }

  it('Lotus is a fixed course of 10 meetings with content cautions on weeks 3 and 9', () => {
    for (const lng of uiLanguages) {
      const lotus = programme('lotus', lng);
      expect(lotus.format).toBe('fixed');
      expect(lotus.meetings).toHaveLength(10);
      expect(lotus.meetings[2]!.caution, `${lng}: week 3 (manipulation tactics)`).toBeTruthy();
      expect(lotus.meetings[8]!.caution, `${lng}: week 9 (intimacy and consent)`).toBeTruthy();
    }
  });

  it('the peer-support group has at least 12 meeting plans, each with a check-in, a shared meal and a check-out', () => {
    // Activity titles as they read in each language.
    // Russian and Ukrainian: the glossary's words (docs/glossary.md); a meal has more than one.
    const patterns: Record<UiLanguage, Record<'checkIn' | 'meal' | 'checkOut', RegExp>> = {
      en: { checkIn: /check-in/i, meal: /shared meal/i, checkOut: /check-out/i },
      lv: { checkIn: /sākuma aplis/i, meal: /kopīga maltīte/i, checkOut: /noslēguma aplis/i },
      ru: {
        checkIn: /вступительн\S* круг/i,
        meal: /трапез|еда|обед|ужин|за столом|общий стол/i,
        checkOut: /заключительн\S* круг/i,
      },
      uk: {
        checkIn: /вступн\S* кол/i,
        meal: /трапез|їжа|обід|вечеря|за столом|спільна трапеза/i,
        checkOut: /завершальн\S* кол/i,
      },
    };
    for (const lng of uiLanguages) {
      const peer = programme('peer-support', lng);
      expect(peer.meetings.length).toBeGreaterThanOrEqual(12);
      for (const meeting of peer.meetings) {
        const titles = meeting.activities.map((a) => a.title);
        const missing = Object.entries(patterns[lng])
          .filter(([, pattern]) => !titles.some((title) => pattern.test(title)))
          .map(([part]) => part);
        expect(missing, `${lng} ${meeting.id}: ${titles.join(' / ')}`).toEqual([]);
        // The check-in opens the meeting and the check-out closes it.
        expect(titles[0], `${lng} ${meeting.id} first activity`).toMatch(patterns[lng].checkIn);
        expect(titles.at(-1), `${lng} ${meeting.id} last activity`).toMatch(patterns[lng].checkOut);
      }
    }
  });
});

/**
 * Names, codes and numbers a Cyrillic text may keep in Latin letters. A value
 * with nothing but these (and placeholders, digits, punctuation) needs no
 * Cyrillic letter; any other Latin word does.
 */
const LATIN_ALLOWED =
  /\{\{[^}]*\}\}|\$t\([^)]*\)|\b(?:Aplis|Lotus|ECPAT|MARTA|Dardedze|PDF|CSV|ICS|iCalendar|RSES|CRBA|AES|GCM|PBKDF2|SHA|UTF|A4|OK|ID)\b|\.(?:pdf|csv|ics|aplis|json)\b|[\w.-]+\.(?:pdf|csv|ics|aplis)\b|https?:\/\/\S+|[\w.+-]+@[\w.-]+/gi;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN_LETTER = /\p{Script=Latin}/u;

/** Every string of a file with its dotted path. */
function strings(value: Json, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value))
    return value.flatMap((item, i) => strings(item, path ? `${path}.${i}` : String(i)));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) =>
      strings(item, path ? `${path}.${key}` : key),
    );
  return [];
}

/** Paths of values written in the wrong script for a language (a sentence left untranslated). */
function wrongScript(value: Json, lng: UiLanguage): string[] {
  // Ids, kinds and formats in a curriculum or template are codes, not text.
  const codes = /(^|\.)(id|kind|format|language|risk\.\w+|signals\.\w+|needArea|askWhen)$/;
  return strings(value)
    .filter(([path]) => !codes.test(path))
    .filter(([, text]) =>
      languageScripts[lng] === 'Cyrl'
        ? !CYRILLIC.test(text) && LATIN_LETTER.test(text.replace(LATIN_ALLOWED, ''))
        : CYRILLIC.test(text),
    )
    .map(([path, text]) => `${path}: ${JSON.stringify(text.slice(0, 60))}`);
}

describe('every text is in its own script', () => {
  const files: [string, Json][] = [
    ...Object.entries(localeFiles),
    ...Object.entries(sessionFiles),
    ...Object.entries(templateFiles),
  ];
  for (const lng of uiLanguages) {
    it(`${lng}: no value is left in the other script (names, numbers and codes aside)`, () => {
      const mine = files.filter(
        ([path]) => path.startsWith(`/locales/${lng}/`) || path.endsWith(`/${lng}.json`),
      );
      expect(mine.length, `files for ${lng}`).toBeGreaterThan(namespaces.length);
      const found = mine.flatMap(([path, content]) =>
        wrongScript(content, lng).map((where) => `${path} ${where}`),
      );
      expect(found).toEqual([]);
    });
  }

  it('tells a Latin sentence in a Cyrillic file from a name or a code', () => {
    expect(wrongScript({ a: 'Save the answers' }, 'ru')).toHaveLength(1);
    expect(wrongScript({ a: 'Сохранить ответы' }, 'uk')).toEqual([]);
    expect(wrongScript({ a: 'Aplis', b: '{{count}} / {{total}}', c: 'my-plan.pdf' }, 'ru')).toEqual(
      [],
    );
    expect(wrongScript({ a: 'План Lotus (PDF)' }, 'ru')).toEqual([]);
    expect(wrongScript({ a: 'Mans plāns', b: 'Мой план' }, 'lv')).toEqual(['b: "Мой план"']);
  });
});

describe('interface texts', () => {
  it('has the same namespace files for every language', () => {
    expect([...locales.keys()].sort()).toEqual([...uiLanguages].sort());
    for (const [lng, files] of locales) {
      expect([...files.keys()].sort(), `locales/${lng}`).toEqual([...namespaces].sort());
    }
  });

  for (const ns of namespaces) {
    it(`${ns}: every language has the same keys (plural forms aside)`, () => {
      const keySet = (lng: string) =>
        [...new Set(leafKeys(locales.get(lng)!.get(ns)!).map(baseKey))].sort();
      const [first, ...others] = uiLanguages;
      for (const lng of others)
        expect(keySet(lng), `locales/${lng}/${ns}.json against ${first}`).toEqual(keySet(first));
    });

    it(`${ns}: every plural has exactly the forms its language needs`, () => {
      for (const lng of uiLanguages) {
        const categories = new Intl.PluralRules(lng)
          .resolvedOptions()
          .pluralCategories.slice()
          .sort();
        const forms = new Map<string, string[]>();
        for (const key of leafKeys(locales.get(lng)!.get(ns)!)) {
          const suffix = PLURAL_SUFFIX.exec(key)?.[1];
          if (suffix) forms.set(baseKey(key), [...(forms.get(baseKey(key)) ?? []), suffix]);
        }
        for (const [key, found] of forms)
          expect(found.sort(), `locales/${lng}/${ns}.json ${key}`).toEqual(categories);
      }
    });

    it(`${ns}: no text is empty`, () => {
      for (const lng of uiLanguages)
        expect(emptyStrings(locales.get(lng)!.get(ns)!), `locales/${lng}/${ns}.json`).toEqual([]);
    });

    it(`${ns}: every language fills in the same {{placeholders}}`, () => {
      const placeholders = (lng: string) => {
        const file = locales.get(lng)!.get(ns)!;
        const byKey = new Map<string, Set<string>>();
        for (const key of leafKeys(file)) {
          const value = leafValue(file, key);
          const text = typeof value === 'string' ? value : '';
          const names = byKey.get(baseKey(key)) ?? new Set<string>();
          for (const match of text.matchAll(/\{\{\s*(\w+)/g)) names.add(match[1]!);
          byKey.set(baseKey(key), names);
        }
        return Object.fromEntries([...byKey].map(([key, names]) => [key, [...names].sort()]));
      };
      const [first, ...others] = uiLanguages;
      for (const lng of others)
        expect(placeholders(lng), `locales/${lng}/${ns}.json against ${first}`).toEqual(
          placeholders(first),
        );
    });
  }

  it('says in every language that a translated self-esteem scale is not a validated adaptation', () => {
    // The Rosenberg scale was validated in English; our other wordings were not.
    const saysUnvalidated: Record<UiLanguage, RegExp> = {
      en: /not validated adaptations?/i,
      lv: /nevis validēt/i,
      ru: /не (является )?валидированн|не валидирован/i,
      uk: /не (є )?валідован/i,
    };
    for (const lng of uiLanguages) {
      const source = leafValue(locales.get(lng)!.get('reports')!, 'measure.source');
      expect(source, `locales/${lng}/reports.json measure.source`).toMatch(saysUnvalidated[lng]);
    }
  });

  it('has an English text for every literal key the code asks for', () => {
    const english = (ns: string) => locales.get('en')!.get(ns);
    const exists = (ns: string, key: string) => {
      const file = english(ns);
      if (!file) return false;
      // A plural key is asked for without its suffix.
      return ['', '_one', '_other'].some(
        (suffix) => typeof leafValue(file, `${key}${suffix}`) === 'string',
      );
    };
    const missing: string[] = [];
    let checked = 0;
    for (const [path, source] of Object.entries(sourceFiles)) {
      // The namespace a file's `t` speaks: from its useTranslation calls (one per file in this code base).
      const declared = [...source.matchAll(/useTranslation\(\s*(?:'([^']*)')?\s*\)/g)].map(
        (m) => m[1] ?? 'common',
      );
      // A `t` handed in as a prop or fixed to another language names its namespace in its type.
      for (const m of source.matchAll(/TFunction<'([^']*)'>/g)) declared.push(m[1]!);
      const fileNamespaces = declared.length > 0 ? [...new Set(declared)] : ['common'];
      // Only plain string literals: keys built from template strings are left out.
      for (const match of source.matchAll(/(?<![\w.$])t\(\s*'([^'$]+)'/g)) {
        const literal = match[1]!;
        const [ns, key] = literal.includes(':') ? literal.split(':', 2) : [undefined, literal];
        checked += 1;
        const candidates = ns ? [ns] : fileNamespaces;
        if (!candidates.some((n) => exists(n, key)))
          missing.push(`${path}: t('${literal}') in ${candidates.join('/')}`);
      }
    }
    expect(checked, 'literal keys found in src/ (the scan itself works)').toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });
});
