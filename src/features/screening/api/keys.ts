/** Query keys of the screening feature; every mutation here invalidates `screeningQueries.all`. */
export const screeningQueries = {
  all: ['screening'] as const,
};
