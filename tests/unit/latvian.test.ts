/**
 * Latvian interface texts read as Latvian: every plural form agrees with its
 * number, and a date at the end of a sentence does not end in two full stops.
 *
 * Latvian nouns after a number are singular when the number ends in 1 (but not
 * 11: "21 diena", "11 dienas") and plural otherwise. CLDR files 0, 10–20, 30 …
 * under `_zero`, which is easy to mistake for "none" and fill with a genitive
 * ("10 dienām", "15 atbilžu"). So each plural key is rendered through i18next
 * for a spread of numbers and checked against the noun form written here by
 * hand, from the grammar, not from the locale file.
 */
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../../src/i18n/format';

type Json = string | { [key: string]: Json };

const files = import.meta.glob<{ [key: string]: Json }>('/locales/lv/*.json', {
  eager: true,
  import: 'default',
});
const namespaces = Object.fromEntries(
  Object.entries(files).map(([path, content]) => [
    path.replace(/^.*\/(\w+)\.json$/, '$1'),
    content,
  ]),
);

/**
 * `ns:key` (without the plural suffix) → the words around the number for
 * [a number ending in 1 (not 11), any other number]; `#` stands for the number.
 */
const expected: Record<string, [string, string]> = {
  'cohorts:calendar.meetings': ['# tikšanās', '# tikšanās'],
  'cohorts:calendar.agendaIntro': ['nākamās # nedēļas laikā', 'nākamo # nedēļu laikā'],
  'cohorts:calendar.more': ['vēl #', 'vēl #'],
  'common:errors.damagedSome': ['# ieraksts ir bojāts, un to', '# ieraksti ir bojāti, un tos'],
  'common:cohorts.minutes': ['# minūte', '# minūtes'],
  'common:cohorts.members': ['aizņemta # no', 'aizņemtas # no'],
  'common:cohorts.showAll': ['Rādīt visu # grupu', 'Rādīt visas # grupas'],
  'common:today.showAllWeek': ['Rādīt visu # tikšanās reizi', 'Rādīt visas # tikšanās reizes'],
  'common:participants.showing': ['no # dalībnieka', 'no # dalībniekiem'],
  'common:participants.showMore': ['Rādīt vēl #', 'Rādīt vēl #'],
  'meeting:minutes': ['# minūte', '# minūtes'],
  'meeting:earlier.title': ['piezīmes (#)', 'piezīmes (#)'],
  'meeting:close.concernCount': ['# ziņojums', '# ziņojumi'],
  'meeting:close.unsafe': ['# jaunietis šodien nejutās', '# jaunieši šodien nejutās'],
  'reports:feedbackReport.unsafe': ['# jaunietis nejutās', '# jaunieši nejutās'],
  'meeting:close.doneWithFollowUps': [
    '# kavējumam vajadzīga turpmākā rīcība; tas',
    '# kavējumiem vajadzīga turpmākā rīcība; tie',
  ],
  'meeting:followUps.todayLink': ['# neslēgts', '# neslēgti'],
  // The number stands after a colon: the noun does not agree with it.
  'meeting:followUps.todayOverdue': ['Nokavēti uzdevumi: #', 'Nokavēti uzdevumi: #'],
  'meeting:followUps.statusCount.open': ['Atvērti (#)', 'Atvērti (#)'],
  'meeting:followUps.statusCount.in-progress': ['Procesā (#)', 'Procesā (#)'],
  'meeting:followUps.statusCount.closed': ['Slēgti (#)', 'Slēgti (#)'],
  'meeting:followUps.kind.absenceRun': [
    'kavēta # tikšanās reize pēc kārtas',
    'kavētas # tikšanās pēc kārtas',
  ],
  // After "pēc": genitive in the singular, dative in the plural.
  'meeting:settings.thresholdChoice': [
    '# tikšanās reizes pēc kārtas',
    '# tikšanās reizēm pēc kārtas',
  ],
  'programmes:format.fixed': ['# tikšanās reize', '# tikšanās reizes'],
  'programmes:format.rolling': ['# tikšanās plāns', '# tikšanās plāni'],
  'programmes:minutesEach': ['# minūte katra tikšanās', '# minūtes katra tikšanās'],
  'programmes:minutes': ['# min', '# min'],
  'reports:damaged': [
    '# ierakstu nevarēja nolasīt; tas nav ieskaitīts',
    '# ierakstus nevarēja nolasīt; tie nav ieskaitīti',
  ],
  'reports:followUps.days': ['# diena', '# dienas'],
  'reports:feedbackReport.recommend': ['# atbilde.', '# atbildes.'],
  'reports:overview.showAll': ['Rādīt visu # grupu', 'Rādīt visas # grupas'],
  'reports:measure.summary': ['(# pāris)', '(# pāri)'],
  'reports:measure.summaryHidden': ['atbildējis # cilvēks', 'atbildējuši # cilvēki'],
  'screening:journey.damaged': ['# ierakstu neizdevās atvērt', '# ierakstus neizdevās atvērt'],
  'screening:journey.openFollowUps': ['# atvērts uzdevums', '# atvērti uzdevumi'],
  'settings:autoLock.minutes': ['# minūte', '# minūtes'],
  'settings:retention.intro': ['dzēst # mēnesi pēc', 'dzēst # mēnešus pēc'],
  'settings:retention.erased': [
    'kopā ar # jaunieti, kurš nebija',
    'kopā ar # jauniešiem, kuri nebija',
  ],
  'common:sync.line.waiting': ['# izmaiņa gaida', '# izmaiņas gaida'],
  'settings:sync.status.waiting': [
    '# šajā ierīcē veikta izmaiņa gaida',
    '# šajā ierīcē veiktas izmaiņas gaida',
  ],
  'settings:sync.refusals.damaged': [
    '# ieraksts no servera bija bojāts un netika izmantots',
    '# ieraksti no servera bija bojāti un netika izmantoti',
  ],
  'settings:sync.refusals.older': [
    '# ieraksts no servera bija vecāks par to, kas',
    '# ieraksti no servera bija vecāki par tiem, kas',
  ],
  'settings:sync.refusals.foreign': [
    '# ieraksts no servera neatvērās ar jūsu organizācijas atslēgām — visticamāk, tas pieder citai organizācijai — un netika izmantots',
    '# ieraksti no servera neatvērās ar jūsu organizācijas atslēgām — visticamāk, tie pieder citai organizācijai — un netika izmantoti',
  ],
  'settings:sync.refusals.newer': [
    '# ieraksts no servera ir saglabāts ar jaunāku Aplis versiju, un šeit to vēl nevar nolasīt',
    '# ieraksti no servera ir saglabāti ar jaunāku Aplis versiju, un šeit tos vēl nevar nolasīt',
  ],
  'settings:sync.leave.confirmWaiting': [
    '# šeit veikta izmaiņa vēl nav nonākusi serverī un tiks zaudēta',
    '# šeit veiktas izmaiņas vēl nav nonākušas serverī un tiks zaudētas',
  ],
  'setup:passphrase.hint': ['Vismaz # rakstzīme.', 'Vismaz # rakstzīmes.'],
  'setup:passphrase.tooShort': ['vismaz # rakstzīmei', 'vismaz # rakstzīmēm'],
  'setup:unlock.wait': ['pēc # sekundes', 'pēc # sekundēm'],
};

const numbers = [0, 1, 2, 5, 10, 11, 15, 21, 22];

/** The Latvian rule for the noun after a number, from the grammar. */
const takesSingular = (n: number) => n % 10 === 1 && n % 100 !== 11;

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every leaf key of a locale file, dotted. */
function leaves(value: Json, prefix = ''): [string, string][] {
  if (typeof value === 'string') return [[prefix, value]];
  return Object.entries(value).flatMap(([key, item]) =>
    leaves(item, prefix ? `${prefix}.${key}` : key),
  );
}

const pluralKeys = [
  ...new Set(
    Object.entries(namespaces).flatMap(([ns, file]) =>
      leaves(file)
        .filter(([key]) => PLURAL.test(key))
        .map(([key]) => `${ns}:${key.replace(PLURAL, '')}`),
    ),
  ),
].sort();

let t: TFunction;

beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({
    lng: 'lv',
    fallbackLng: false,
    resources: { lv: namespaces },
    ns: Object.keys(namespaces),
    interpolation: { escapeValue: false },
  });
  t = instance.t;
});

describe('Latvian plurals', () => {
  it('the table below covers every plural key in locales/lv (add a row for a new one)', () => {
    expect(pluralKeys.length).toBeGreaterThan(30);
    expect(pluralKeys.filter((key) => !(key in expected))).toEqual([]);
    expect(Object.keys(expected).filter((key) => !pluralKeys.includes(key))).toEqual([]);
  });

  for (const key of pluralKeys) {
    it(`${key} agrees with ${numbers.join(', ')}`, () => {
      const forms = expected[key];
      if (!forms) throw new Error(`no expected forms for ${key}`);
      const wrong: string[] = [];
      for (const n of numbers) {
        const text = t(key, { count: n, capacity: 30, name: 'Lotus', yes: 1, maybe: 1, no: 1 });
        const want = forms[takesSingular(n) ? 0 : 1].replace('#', String(n));
        if (!text.includes(want)) wrong.push(`${n}: "${text}" should contain "${want}"`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it('checks that a wrong form would be caught (the table is not a copy of the files)', () => {
    // "10 dienām" is the mistake the table guards against.
    expect(t('reports:followUps.days', { count: 10 })).toBe('10 dienas');
    expect(t('reports:followUps.days', { count: 21 })).toBe('21 diena');
    expect(t('meeting:minutes', { count: 15 })).toBe('15 minūtes');
  });
});

describe('Latvian dates in sentences', () => {
  const dateNames = ['date', 'last', 'due', 'from', 'to'];
  const date = formatDate('2026-12-09', 'lv');

  it('a formatted date ends with its own full stop', () => {
    expect(date).toBe('09.12.2026.');
  });

  it('no text shows a date followed by a second full stop', () => {
    const doubled: string[] = [];
    for (const [ns, file] of Object.entries(namespaces)) {
      for (const [key, value] of leaves(file)) {
        if (!dateNames.some((name) => value.includes(`{{${name}}}`))) continue;
        const values = Object.fromEntries(dateNames.map((name) => [name, date]));
        const text = t(`${ns}:${key.replace(PLURAL, '')}`, { ...values, count: 2 });
        if (/\d{4}\.\./.test(text)) doubled.push(`${ns}:${key}: ${text}`);
      }
    }
    expect(doubled).toEqual([]);
  });
});

describe('Latvian quotation marks', () => {
  it('uses „…” and never “…” or "…"', () => {
    const wrong = Object.entries(namespaces).flatMap(([ns, file]) =>
      leaves(file)
        .filter(([, value]) => /[“"]/.test(value.replace(/„[^„”]*”/g, '')))
        .map(([key, value]) => `${ns}:${key}: ${value}`),
    );
    expect(wrong).toEqual([]);
  });
});
