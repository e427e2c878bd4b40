/**
 * The page's Content-Security-Policy, in one place: the build writes it into
 * index.html as a meta tag (vite.config.ts), and deploy/Caddyfile sends the
 * same policy as a header (plus `frame-ancestors 'none'`, which a meta tag
 * cannot carry). tests/unit/deploy-caddy.test.ts holds the two together.
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
 * line and deploy/Caddyfile's header with it (Caddy must then be reloaded).
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

/** The policy as the server's header carries it: framing is forbidden too. */
export const contentSecurityPolicyHeader = `${contentSecurityPolicy}; frame-ancestors 'none'`;
