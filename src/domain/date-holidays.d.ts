// date-holidays-parser ships its types, but its package.json "exports" does
// not point to them, so TypeScript cannot find them on its own. They declare
// the module ambiently, so referencing the file is enough (an `import` would
// turn this file into a module, and the declaration below into an augmentation).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../node_modules/date-holidays-parser/types/index.d.ts" />

// date-holidays ships no types for its raw data export. Only
// latvian-holidays.test.ts reads it, to cut and check the Latvian subset.
declare module 'date-holidays/data' {
  interface HolidayNames {
    name: Record<string, string>;
  }
  interface CountryRules {
    days: Record<string, { _name?: string }>;
  }
  export const data: {
    license: string;
    holidays: Record<string, CountryRules | undefined>;
    names: Record<string, HolidayNames | undefined>;
  };
}
