import './support-lines.css';
import { useId } from 'react';

export interface SupportLine {
  label: string;
  phone: string;
}

/**
 * The support lines a young person can call: the helplines the organisation
 * keeps on and its own contacts (domain/plan.ts `planSupportContacts`). Each
 * number is a `tel:` link, so a tap on a phone starts the call.
 */
export function SupportLines({
  title,
  lines,
  level = 2,
}: {
  title: string;
  lines: readonly SupportLine[];
  level?: 2 | 3;
}) {
  const id = useId();
  if (lines.length === 0) return null;
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className="support-lines" aria-labelledby={id}>
      <Heading id={id}>{title}</Heading>
      <ul>
        {lines.map((line) => (
          <li key={`${line.phone} ${line.label}`}>
            <a href={`tel:${line.phone.replace(/[^\d+]/g, '')}`}>{line.phone}</a>{' '}
            <span>{line.label}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
