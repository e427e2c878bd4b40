/**
 * The app's links: `<a href>` for the route, with the router taking the click
 * (a modified click — new tab, new window — stays the browser's).
 *
 * Why not React Router's `Link` and `NavLink`: React Router is one module, so
 * everything any screen uses from it is in the first screen's JavaScript.
 * Its `Link` brings page prefetching, route discovery, view transitions and
 * its server-rendering variants with it (≈ 3 KB gzip the app never uses).
 * These keep what the app uses: `to`, `end` (NavLink), and every `<a>`
 * attribute. ESLint refuses `Link`/`NavLink` from 'react-router' (eslint.config.js).
 */
import { forwardRef, type AnchorHTMLAttributes, type MouseEvent } from 'react';
import { useHref, useLinkClickHandler, useLocation, useResolvedPath, type To } from 'react-router';

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  to: To;
  /** Replace the current history entry instead of adding one. */
  replace?: boolean;
}

export const Link = forwardRef<HTMLAnchorElement, LinkProps>(function Link(
  { to, replace, onClick, target, children, ...rest },
  ref,
) {
  const href = useHref(to);
  const followLink = useLinkClickHandler<HTMLAnchorElement>(to, { replace, target });
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (!event.defaultPrevented) followLink(event);
  };
  return (
    <a {...rest} ref={ref} href={href} target={target} onClick={handleClick}>
      {children}
    </a>
  );
});

export interface NavLinkProps extends LinkProps {
  /** Active only on this exact path, not on the paths below it. */
  end?: boolean;
}

/**
 * A menu link: `aria-current="page"` (and class `active`) while its route is
 * the one shown — or, without `end`, one below it — as React Router's does.
 */
export const NavLink = forwardRef<HTMLAnchorElement, NavLinkProps>(function NavLink(
  { to, end = false, className, ...rest },
  ref,
) {
  const { pathname: here } = useLocation();
  const { pathname: target } = useResolvedPath(to);
  const slash = target !== '/' && target.endsWith('/') ? target.length - 1 : target.length;
  const active = here === target || (!end && here.startsWith(target) && here.charAt(slash) === '/');
  return (
    <Link
      {...rest}
      ref={ref}
      to={to}
      aria-current={active ? 'page' : undefined}
      className={[className, active ? 'active' : undefined].filter(Boolean).join(' ') || undefined}
    />
  );
});
