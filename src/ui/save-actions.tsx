import { Notice } from './notice';

/**
 * The end of a form that saves in one go: what went wrong with the last try
 * (the answers stay in the form, so trying again loses nothing), the save
 * button, held while a save is under way, and an optional way back.
 */
export function SaveActions({
  saving,
  failed,
  failedText,
  saveLabel,
  cancel,
}: {
  saving: boolean;
  failed: boolean;
  failedText: string;
  saveLabel: string;
  cancel?: { label: string; onClick: () => void } | undefined;
}) {
  return (
    <>
      {failed ? (
        <Notice tone="error" live>
          {failedText}
        </Notice>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saveLabel}
        </button>
        {cancel ? (
          <button type="button" className="btn" onClick={cancel.onClick}>
            {cancel.label}
          </button>
        ) : null}
      </div>
    </>
  );
}
