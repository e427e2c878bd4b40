import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { Link, NavLink } from './link';

function Where() {
  return <p data-testid="where">{useLocation().pathname}</p>;
}

function renderAt(path: string) {
  const menu = (
    <>
      <nav>
        <NavLink to="/" end>
          Today
        </NavLink>
        <NavLink to="/cohorts">Groups</NavLink>
        <NavLink to="/cohorts" end>
          Groups only
        </NavLink>
      </nav>
      <Link to="/cohorts/c1" className="btn">
        Open group
      </Link>
      <Where />
    </>
  );
  const router = createMemoryRouter([{ path: '*', element: menu }], { initialEntries: [path] });
  render(<RouterProvider router={router} />);
}

describe('Link and NavLink', () => {
  it('is an ordinary link with the route as its address, and a click moves there', async () => {
    renderAt('/');
    const link = screen.getByRole('link', { name: 'Open group' });
    expect(link).toHaveAttribute('href', '/cohorts/c1');
    expect(link).toHaveClass('btn');
    await userEvent.click(link);
    expect(screen.getByTestId('where')).toHaveTextContent('/cohorts/c1');
  });

  it('marks the menu entry of the screen shown, and without `end` the screens below it', () => {
    renderAt('/cohorts/c1');
    expect(screen.getByRole('link', { name: 'Groups' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Groups' })).toHaveClass('active');
    expect(screen.getByRole('link', { name: 'Groups only' })).not.toHaveAttribute('aria-current');
    expect(screen.getByRole('link', { name: 'Today' })).not.toHaveAttribute('aria-current');
  });

  it('marks the home entry only on the home screen', async () => {
    renderAt('/');
    expect(screen.getByRole('link', { name: 'Today' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Groups' })).not.toHaveAttribute('aria-current');
    await userEvent.click(screen.getByRole('link', { name: 'Groups' }));
    expect(screen.getByRole('link', { name: 'Today' })).not.toHaveAttribute('aria-current');
    expect(screen.getByRole('link', { name: 'Groups only' })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });
});
