/**
 * Alert words: a young person's anonymous comment in the check-out kiosk may
 * say something staff must not miss ("he hits me", "I want to die"). Comments
 * are read by coordinators on the group report anyway; this only makes sure a
 * worrying one stands out ("a comment may need attention"), without ever
 * saying who wrote it — nothing in the feedback names anyone.
 *
 * Each word is a stem, matched at the start of a word, case- and
 * case-insensitively: "draud" finds "Draudēja", "hurt" finds "hurting".
 * The organisation can replace the list in Settings; these are the defaults,
 * one list per language the app offers. The match is deliberately generous:
 * a false alarm costs a coordinator a glance, a miss could cost much more.
 */
export const defaultAlertWords: Readonly<Record<string, readonly string[]>> = {
  en: [
    'hurt',
    'hit ',
    'hits',
    'hitting',
    'kill',
    'die ',
    'dying',
    'dead',
    'suicid',
    'self-harm',
    'cutting',
    'scared',
    'afraid',
    'unsafe',
    'threat',
    'danger',
    'abuse',
    'rape',
    'forced',
    'touched me',
    'photos of me',
    'pay back',
    'owe ',
    'owe money',
    'run away',
    'ran away',
    'nowhere to sleep',
    'help me',
  ],
  lv: [
    'sāp',
    'sit ',
    'sita ',
    'nogalin',
    'nomirt',
    'mirt',
    'pašnāvīb',
    'griežu sevi',
    'sagriez',
    'bail',
    'baidos',
    'nedroš',
    'draud',
    'briesm',
    'vardarb',
    'izvarot',
    'piespied',
    'aizskāra',
    'bildes ar mani',
    'parād',
    'atdot naudu',
    'aizbēg',
    'bēgt',
    'nav kur gulēt',
    'palīdziet',
    'palīdzi man',
  ],
  ru: [
    'бьёт',
    'бьет',
    'ударил',
    'больно',
    'убь',
    'убить',
    'умереть',
    'суицид',
    'покончить',
    'режу себя',
    'страшно',
    'боюсь',
    'угрож',
    'опасн',
    'насили',
    'изнасил',
    'заставля',
    'трогал',
    'мои фото',
    'долг',
    'сбежать',
    'сбежал',
    'негде спать',
    'помогите',
  ],
  uk: [
    "б'є",
    'бʼє',
    'вдарив',
    'боляче',
    'вбити',
    'вбʼ',
    'померти',
    'суїцид',
    'покінчити',
    'ріжу себе',
    'страшно',
    'боюся',
    'погрож',
    'небезпе',
    'насильств',
    'зґвалт',
    'змушу',
    'торкався',
    'мої фото',
    'борг',
    'втекти',
    'втік',
    'ніде спати',
    'допоможіть',
  ],
};

/** The shipped defaults of every language together: a group may write in any of them. */
export function allDefaultAlertWords(): string[] {
  return [...new Set(Object.values(defaultAlertWords).flat())];
}

/**
 * Lower case, composed letters, one kind of apostrophe, single spaces. Accents
 * stay: without them Latvian "sāp" (hurts) would match "saprot" (understands).
 */
export function foldForMatching(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[’ʼ`]/g, "'").replace(/\s+/g, ' ');
}

/**
 * True when the comment contains one of the words (each a stem, matched at a
 * word start). Empty words are ignored. A word with a trailing space ("sit ")
 * must end there, for stems too short to stand alone.
 */
export function commentNeedsAttention(comment: string, words: readonly string[]): boolean {
  const text = ` ${foldForMatching(comment)} `;
  return words.some((raw) => {
    const word = foldForMatching(raw).trimStart();
    if (!word.trim()) return false;
    let from = 0;
    for (;;) {
      const at = text.indexOf(word, from);
      if (at < 0) return false;
      // A word start: the character before is not a letter or digit.
      if (!/[\p{L}\p{N}]/u.test(text[at - 1] ?? ' ')) return true;
      from = at + 1;
    }
  });
}
