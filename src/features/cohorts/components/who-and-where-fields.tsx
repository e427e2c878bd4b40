import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../../../domain/staff';
import { Field } from '../../../ui/field';
import { FacilitatorPicker } from './facilitator-picker';

export interface WhoAndWhere {
  facilitatorIds: string[];
  place: string;
  room: string;
}

/**
 * Who runs a group and where it meets: facilitators, place and room, as a new
 * group asks for them and as its details form changes them. `children` go on
 * in the same grid as place and room (schedule, who the group is for).
 */
export function WhoAndWhereFields({
  staff,
  value,
  onChange,
  facilitatorsError,
  children,
}: {
  staff: readonly Staff[];
  value: WhoAndWhere;
  onChange: (patch: Partial<WhoAndWhere>) => void;
  facilitatorsError: string | undefined;
  children?: ReactNode;
}) {
  const { t } = useTranslation('cohorts');
  return (
    <>
      <FacilitatorPicker
        staff={staff}
        value={value.facilitatorIds}
        onChange={(facilitatorIds) => onChange({ facilitatorIds })}
        error={facilitatorsError}
      />
      <div className="form-grid">
        <Field
          label={t('form.place')}
          value={value.place}
          onChange={(e) => onChange({ place: e.target.value })}
        />
        <Field
          label={t('form.room')}
          value={value.room}
          onChange={(e) => onChange({ room: e.target.value })}
        />
        {children}
      </div>
    </>
  );
}
