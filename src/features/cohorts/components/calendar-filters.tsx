import { useTranslation } from 'react-i18next';
import type { Staff } from '../../../domain/staff';
import { SelectField } from '../../../ui/select-field';

interface CalendarFiltersProps {
  staff: readonly Staff[];
  places: readonly string[];
  facilitatorId: string;
  place: string;
  onFacilitatorChange: (id: string) => void;
  onPlaceChange: (place: string) => void;
}

/** Facilitator and place filters; an empty value means "all". */
export function CalendarFilters({
  staff,
  places,
  facilitatorId,
  place,
  onFacilitatorChange,
  onPlaceChange,
}: CalendarFiltersProps) {
  const { t } = useTranslation('cohorts');
  return (
    <div className="calendar-filters" role="group" aria-label={t('calendar.filters')}>
      <SelectField
        label={t('calendar.facilitator')}
        value={facilitatorId}
        onChange={onFacilitatorChange}
        options={[
          { value: '', label: t('calendar.everyone') },
          ...staff.map((s) => ({ value: s.id, label: s.displayName })),
        ]}
      />
      <SelectField
        label={t('calendar.place')}
        value={place}
        onChange={onPlaceChange}
        options={[
          { value: '', label: t('calendar.allPlaces') },
          ...places.map((p) => ({ value: p, label: p })),
        ]}
      />
    </div>
  );
}
