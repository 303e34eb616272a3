// The agency's list of areas engagements serve (boroughs, community districts, ZIP codes): one area a line. The
// engagement form offers them; while the list is not empty, a new or changed engagement area must be one of them.
import { useState, type FormEvent } from 'react';
import type { AgencySettings } from '../../api/types.ts';
import { TextAreaField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useAdminMutation } from './admin-helpers.ts';
import { AGENCY_KEY, useAgency } from './use-agency.ts';

function AreasForm({ agency }: { agency: AgencySettings }) {
  const [text, setText] = useState(agency.areas.join('\n'));
  const save = useAdminMutation<string[]>(
    (areas) => ({ method: 'PATCH', path: '/agency', body: { areas, expectedVersion: agency.version } }),
    [AGENCY_KEY],
    (_areas, saved) => `Area list saved: ${(saved as AgencySettings).areas.length} areas.`,
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(text.split('\n').filter((line) => line.trim()));
  };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="areas-heading">
      <h2 id="areas-heading">Areas</h2>
      <p>
        {agency.areas.length
          ? `${agency.areas.length} areas. New and changed engagements choose one of them.`
          : 'No list yet: staff may type any area on an engagement.'}{' '}
        Areas typed on engagements before stay as they were.
      </p>
      <FormError error={save.error} />
      <TextAreaField
        label="One area a line"
        name="areas"
        rows={12}
        hint="Boroughs, community districts or ZIP codes, at most 100 characters each, none twice."
        value={text}
        onChange={(e) => setText(e.target.value)}
        field="areas"
        error={save.error}
      />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={save.isPending}>
          Save areas
        </button>
      </div>
    </form>
  );
}

/** The area list screen. */
export function AreasScreen() {
  const agency = useAgency();
  return (
    <>
      <PageHeading>Areas</PageHeading>
      <p>The areas the office&apos;s engagements serve, for the engagement form and the community report.</p>
      <FormError error={agency.error} />
      {agency.data && <AreasForm key={agency.data.version} agency={agency.data} />}
    </>
  );
}
