/** Runs tests/bench/reseal-bench.test.ts alone: `npx vitest run -c tests/bench/vitest.reseal.config.ts`. */
import base from '../../vite.config';

export default {
  ...base,
  test: { ...base.test, include: ['tests/bench/reseal-bench.test.ts'], reporters: ['default'] },
};
