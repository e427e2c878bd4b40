/**
 * The page's Content-Security-Policy, in one place: the build writes it into
 * index.html as a meta tag (vite.config.ts), and deploy/Caddyfile sends it as
 * a header too, all but the scripts' directives (below), plus
 * `frame-ancestors 'none'`, which a meta tag cannot carry.
 * tests/unit/deploy.test.ts holds the two together.
 *
 * It forbids any request beyond the page's own origin, so a slip in code or a
 * dependency cannot send data anywhere. Sync keeps to it: the sync server is
 * reached at the same origin under /sync/ (a reverse proxy), never elsewhere.
 */
/**
 * One inline script is allowed, by its hash and nothing else: the static first
 * frame's script (src/app/first-frame-script.js, minified by the build),
 * inlined so that nothing has to be fetched before the first paint
 * (docs/first-paint.md). The build fails if the script it inlines does not
 * have this hash, and says the new one; a change to that script changes this
 * line. The hash is in the meta tag only, which comes with the page it
 * belongs to, never in the server's header (see `contentSecurityPolicyHeader`).
 */
export const firstFrameScriptHash = "'sha256-P/ct/qhxa4fMR7QL3IL5FrJs0fR0YR/yrXhaSrYeZ7U='";

export const contentSecurityPolicyDirectives = [
  "default-src 'self'",
  `script-src 'self' ${firstFrameScriptHash}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
] as const;

/** The policy as the meta tag carries it. */
export const contentSecurityPolicy = contentSecurityPolicyDirectives.join('; ');

/**
 * The policy as the server's header carries it (deploy/Caddyfile): the meta
 * tag's, without the directives that rule scripts, and framing forbidden.
 * `script-src` names the inline script's hash, which changes with that script:
 * in a header it would have to change with the app, and an app upgraded
 * without the server reloading its configuration would have its script
 * blocked and never start, on every device that updated. `default-src` would
 * rule scripts in its place, so it stays out too. Nothing is loosened: a page
 * obeys every policy it is given, so the meta tag's `default-src` and
 * `script-src` hold in full.
 */
export const contentSecurityPolicyHeader = [
  ...contentSecurityPolicyDirectives.filter((d) => !/^(default|script)-src /.test(d)),
  "frame-ancestors 'none'",
].join('; ');
