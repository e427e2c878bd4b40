import { useTranslation } from 'react-i18next';

interface ListEditorProps {
  legend: string;
  items: string[];
  onChange: (items: string[]) => void;
  addLabel: string;
  /** Name of one item for screen readers, e.g. "Aim". */
  itemLabel: string;
}

/** Edits a list of short texts (aims, materials): one field per item, add and remove. */
export function ListEditor({ legend, items, onChange, addLabel, itemLabel }: ListEditorProps) {
  const { t } = useTranslation('programmes');
  return (
    <fieldset className="list-editor">
      <legend>{legend}</legend>
      {items.map((item, index) => (
        <div className="list-editor-row" key={index}>
          <input
            aria-label={`${itemLabel} ${index + 1}`}
            value={item}
            onChange={(e) => onChange(items.map((v, i) => (i === index ? e.target.value : v)))}
          />
          <button
            type="button"
            className="btn btn-quiet"
            aria-label={t('editor.removeItem', { item: `${itemLabel} ${index + 1}` })}
            onClick={() => onChange(items.filter((_, i) => i !== index))}
          >
            ✕
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-small" onClick={() => onChange([...items, ''])}>
        {addLabel}
      </button>
    </fieldset>
  );
}
