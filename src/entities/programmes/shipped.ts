/**
 * The curricula that ship with Aplis, read from `sessions/<programme>/<lng>.json`.
 * Each file is its own chunk, loaded when first needed and cached by the
 * service worker, and validated at this edge like anything read from disk.
 */
import { programmeContentSchema, type ProgrammeContent } from '../../domain/programme';

const files = import.meta.glob<{ default: unknown }>('/sessions/*/*.json');

function pathOf(id: string, lng: string): string {
  return `/sessions/${id}/${lng}.json`;
}

export const shippedProgrammeIds: string[] = [
  ...new Set(Object.keys(files).map((path) => path.split('/')[2]!)),
].sort((a, b) => (a === 'lotus' ? -1 : b === 'lotus' ? 1 : a.localeCompare(b)));

export function isShippedProgramme(id: string): boolean {
  return shippedProgrammeIds.includes(id);
}

/** The languages a shipped programme has a file in. */
export function shippedLanguages(id: string): string[] {
  const prefix = `/sessions/${id}/`;
  return Object.keys(files)
    .filter((path) => path.startsWith(prefix))
    .map((path) => path.slice(prefix.length).replace(/\.json$/, ''));
}

export async function loadShippedProgramme(
  id: string,
  lng: string,
): Promise<ProgrammeContent | undefined> {
  const load = files[pathOf(id, lng)] ?? files[pathOf(id, 'en')];
  if (!load) return undefined;
  return programmeContentSchema.parse((await load()).default);
}
