import { Fragment } from 'react';

/** Longest run shown without a chance to break: fits a 390 px screen at the code's size. */
const MAX_GROUP = 6;

/**
 * The code in groups: its own "-" separators kept (and a line may break after
 * them), long runs cut into groups of five with a break chance but nothing
 * added, so text selected on screen is the code exactly. A group never splits
 * over two lines: a split group is easily copied wrong by hand.
 */
export function codeGroups(text: string): { group: string; separator: string }[] {
  const parts = text.split('-');
  return parts.flatMap((part, i) => {
    const pieces = part.length > MAX_GROUP ? (part.match(/.{1,5}/g) ?? [part]) : [part];
    return pieces.map((group, j) => ({
      group,
      separator: j === pieces.length - 1 && i < parts.length - 1 ? '-' : '',
    }));
  });
}

export function JoinCodeText({ text, label }: { text: string; label: string }) {
  return (
    <p className="recovery-code join-code-text" translate="no">
      <span className="visually-hidden">{label}: </span>
      <span data-testid="join-code">
        {codeGroups(text).map(({ group, separator }, i) => (
          <Fragment key={i}>
            {/* A group cut from a long run is set apart by space; one ending in "-" needs none. */}
            <span className={separator ? 'recovery-group' : 'recovery-group join-code-cut'}>
              {group}
              {separator}
            </span>
            <wbr />
          </Fragment>
        ))}
      </span>
    </p>
  );
}
