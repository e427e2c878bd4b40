/** Query keys of screenings; every screening mutation invalidates `screeningQueries.all`. */
export const screeningQueries = {
  all: ['screening'] as const,
};
