// Complaint clocks: the numbers of the complaint and state-hearing process (DOMAIN.md §4) the agency sets, and what a
// repeat contact does. Each due date that falls on a weekend or holiday still moves to the next business day.
import { useState, type FormEvent } from 'react';
import type { AgencySettings } from '../../api/types.ts';
import { FormError } from '../../components/form-error.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { COMPLAINT_SETTING_FIELDS, REPEAT_CONTACT_ACTIONS } from '../../../shared/admin.ts';
import { useAdminMutation } from './admin-helpers.ts';
import { AGENCY_KEY, useAgency } from './use-agency.ts';

type Clocks = AgencySettings['complaints'];

const ACTION_LABELS: Record<(typeof REPEAT_CONTACT_ACTIONS)[number], string> = {
  suggest: 'Suggest a complaint',
  convert: 'Open a complaint',
};

function ClocksForm({ agency }: { agency: AgencySettings }) {
  const [clocks, setClocks] = useState<Clocks>(agency.complaints);
  const save = useAdminMutation<Clocks>(
    (complaints) => ({ method: 'PATCH', path: '/agency', body: { complaints, expectedVersion: agency.version } }),
    [AGENCY_KEY],
    () => 'Complaint clocks saved.',
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(clocks);
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="clocks-heading">
      <h2 id="clocks-heading">Clocks</h2>
      <div className="field-row">
        {COMPLAINT_SETTING_FIELDS.map(([key, label]) => (
          <div className="field" key={key}>
            <label htmlFor={`clock-${key}`}>{label}</label>
            <input
              id={`clock-${key}`}
              type="number"
              min={0}
              max={3660}
              step={1}
              required
              value={clocks[key]}
              onChange={(e) => setClocks((c) => ({ ...c, [key]: e.target.valueAsNumber }))}
            />
          </div>
        ))}
        <div className="field">
          <label htmlFor="clock-repeatContactAction">When a contact repeats an earlier one</label>
          <select
            id="clock-repeatContactAction"
            value={clocks.repeatContactAction}
            onChange={(e) =>
              setClocks((c) => ({ ...c, repeatContactAction: e.target.value as Clocks['repeatContactAction'] }))
            }
          >
            {REPEAT_CONTACT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {ACTION_LABELS[a]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <FormError error={save.error} />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={save.isPending}>
          Save clocks
        </button>
      </div>
    </form>
  );
}

/** The complaint clocks screen. */
export function ComplaintClocksScreen() {
  const agency = useAgency();
  return (
    <>
      <PageHeading>Complaint clocks</PageHeading>
      <p>
        The days the complaint and state-hearing process gives, counted in the agency's time zone. A due date that falls
        on a weekend or holiday moves to the next business day; complaints already filed keep their dates.
      </p>
      <FormError error={agency.error} />
      {agency.data && <ClocksForm key={agency.data.version} agency={agency.data} />}
    </>
  );
}
