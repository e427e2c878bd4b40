/**
 * The shipped screening template in each language Aplis speaks
 * (`templates/<lng>.json`). The content test checks that every language in
 * `i18n/languages.ts` has one, with the same questions and risk levels.
 */
const files = import.meta.glob<unknown>('./*.json', { eager: true, import: 'default' });

/** The raw shipped template of a language (validated by the caller); Latvian if there is none. */
export function shippedTemplateFile(lng: string): unknown {
  return files[`./${lng}.json`] ?? files['./lv.json'];
}
