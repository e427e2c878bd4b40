import type { ScreeningDraft, ScreeningField } from '../../../../domain/screening-form';

/** What every section of the screening form gets: the draft, a setter, and the problem to show. */
export interface SectionProps {
  draft: ScreeningDraft;
  set: <K extends keyof ScreeningDraft>(key: K, value: ScreeningDraft[K]) => void;
  /** The message for a field's problem, once the coordinator has tried to complete. */
  problem: (field: ScreeningField) => string | undefined;
}
