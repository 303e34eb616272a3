// The agency's name on the public portal, in each of its languages: the form, status page and survey show the
// visitor's translation and fall back to the agency's own name where none is given. Each box is written in its
// language's direction (Arabic and Urdu right to left).
import { useState, type FormEvent } from 'react';
import type { AgencySettings } from '../../api/types.ts';
import { TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { LANGUAGES } from '../../../shared/languages.ts';
import { useAdminMutation } from './admin-helpers.ts';
import { AGENCY_KEY, useAgency } from './use-agency.ts';

const TRANSLATED = LANGUAGES.filter((l) => l.code !== 'en');

function PortalNamesForm({ agency }: { agency: AgencySettings }) {
  const [names, setNames] = useState<Record<string, string>>(agency.publicNames);
  const save = useAdminMutation<Record<string, string>>(
    (publicNames) => ({ method: 'PATCH', path: '/agency', body: { publicNames, expectedVersion: agency.version } }),
    [AGENCY_KEY],
    () => 'Portal names saved.',
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(Object.fromEntries(Object.entries(names).filter(([, v]) => v.trim())));
  };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="portal-names-heading">
      <h2 id="portal-names-heading">The agency’s name by language</h2>
      <p>
        In English the portal shows <strong>{agency.name}</strong> (change it with the agency’s name). Leave a language
        empty to show the English name there.
      </p>
      <FormError error={save.error} />
      <div className="field-row">
        {TRANSLATED.map((language) => (
          <TextField
            key={language.code}
            label={`${language.name} (${language.nativeName})`}
            name={`publicName-${language.code}`}
            lang={language.code}
            dir={language.rtl ? 'rtl' : 'ltr'}
            maxLength={200}
            value={names[language.code] ?? ''}
            onChange={(e) => setNames((n) => ({ ...n, [language.code]: e.target.value }))}
            field={`publicNames.${language.code}`}
            error={save.error}
          />
        ))}
      </div>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={save.isPending}>
          Save names
        </button>
      </div>
    </form>
  );
}

/** The public portal name screen. */
export function PortalNameScreen() {
  const agency = useAgency();
  return (
    <>
      <PageHeading>Portal name</PageHeading>
      <p>How the public portal names the agency to a visitor reading it in another language.</p>
      <FormError error={agency.error} />
      {agency.data && <PortalNamesForm key={agency.data.version} agency={agency.data} />}
    </>
  );
}
