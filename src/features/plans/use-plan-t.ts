import type { TFunction } from 'i18next';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The `plans` texts in the plan's own language, which the young person
 * chooses independently of the app's language. Loads that language's texts
 * first if they are not in memory yet (from the app's own origin). Returns
 * null until they are.
 */
export function usePlanT(language: string): TFunction<'plans'> | null {
  const { i18n } = useTranslation();
  // Bumped when a language finishes loading, to render again.
  const [loads, setLoads] = useState(0);
  const ready = i18n.hasResourceBundle(language, 'plans');
  useEffect(() => {
    if (ready) return;
    let live = true;
    void i18n.loadLanguages(language).then(() => {
      if (live) setLoads((n) => n + 1);
    });
    return () => {
      live = false;
    };
  }, [i18n, language, ready]);
  return useMemo(
    () => (ready ? i18n.getFixedT(language, 'plans') : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `loads` re-checks readiness
    [i18n, language, ready, loads],
  );
}
