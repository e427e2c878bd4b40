/**
 * The EU-wide helplines printed on every plan unless the organisation turns
 * one off. Their names come from the locale files, in the plan's language.
 */
export const helplineIds = ['children', 'crimeVictims'] as const;
export type HelplineId = (typeof helplineIds)[number];
export const defaultHelplines: readonly { id: HelplineId; phone: string }[] = [
  { id: 'children', phone: '116 111' },
  { id: 'crimeVictims', phone: '116 006' },
];
