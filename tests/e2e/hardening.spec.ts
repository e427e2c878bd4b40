import { firstFrameScriptHash } from '../../src/app/csp';
import { expect, test } from './fixtures';

test('the page carries a same-origin-only policy that blocks a request to another origin', async ({
  page,
  aplis,
}) => {
  await aplis.open('en');
  const policy = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  const directives = new Map(
    (policy ?? '').split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
  expect(directives.get('default-src')).toEqual(["'self'"]);
  // Its own scripts, and one inline script by its hash: the first frame's.
  expect(directives.get('script-src')).toEqual(["'self'", firstFrameScriptHash]);
  expect(directives.get('connect-src')).toEqual(["'self'"]);
  expect(await page.locator('meta[name="referrer"]').getAttribute('content')).toBe('no-referrer');

  // A slip in code (or a dependency) that tries to send data away is stopped
  // by the browser before any request is made.
  const outcome = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      violations.push(e.violatedDirective),
    );
    const fetched = await fetch('https://example.org/collect', { method: 'POST', body: 'x' }).then(
      () => 'sent',
      () => 'blocked',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { fetched, violations };
  });
  expect(outcome.fetched).toBe('blocked');
  expect(outcome.violations).toContain('connect-src');
});
