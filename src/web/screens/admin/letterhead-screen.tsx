// The letterhead printed at the top of every letter: the agency's name, address lines, phone, web address and an
// optional PNG or JPEG logo. Saving it changes the next letters and PDFs, not batches already printed.
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { TextAreaField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { LETTERHEAD_LIMITS, type Letterhead } from '../../../shared/letters.ts';
import { useAdminMutation } from './admin-helpers.ts';

const LETTERHEAD_KEY = ['letters', 'letterhead'] as const;

function readDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

function LetterheadForm({ letterhead }: { letterhead: Letterhead }) {
  /** undefined keeps the stored logo, null removes it, a data: URL replaces it. */
  const [logo, setLogo] = useState<string | null | undefined>(undefined);
  const [logoProblem, setLogoProblem] = useState<string | null>(null);
  const save = useAdminMutation<Record<string, unknown>>(
    (body) => ({ method: 'PUT', path: '/letters/letterhead', body }),
    [LETTERHEAD_KEY],
    () => 'Letterhead saved; the next letters print with it.',
  );
  const chooseLogo = async (file: File | undefined) => {
    setLogoProblem(null);
    if (!file) return setLogo(undefined);
    if (file.size > LETTERHEAD_LIMITS.logoBytes) {
      setLogoProblem(`The logo is larger than ${LETTERHEAD_LIMITS.logoBytes / 1024} KB; choose a smaller image.`);
      return;
    }
    setLogo(await readDataUrl(file));
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    save.mutate(
      {
        name: text('name'),
        addressLines: text('addressLines')
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
        phone: text('phone'),
        web: text('web'),
        ...(logo !== undefined ? { logo } : {}),
        expectedVersion: letterhead.version,
      },
      { onSuccess: () => setLogo(undefined) },
    );
  };
  const shownLogo = logo === undefined ? letterhead.logo : logo;
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="letterhead-heading" key={letterhead.version}>
      <h2 id="letterhead-heading">Printed at the top of every letter</h2>
      <TextField
        label="Agency name"
        name="name"
        required
        maxLength={LETTERHEAD_LIMITS.name}
        defaultValue={letterhead.name}
        field="name"
        error={save.error}
      />
      <TextAreaField
        label="Address"
        name="addressLines"
        rows={LETTERHEAD_LIMITS.lines}
        defaultValue={letterhead.addressLines.join('\n')}
        hint={`One line per row, at most ${LETTERHEAD_LIMITS.lines} lines.`}
        field="addressLines"
        error={save.error}
      />
      <div className="field-row">
        <TextField
          label="Phone"
          name="phone"
          type="tel"
          maxLength={LETTERHEAD_LIMITS.phone}
          defaultValue={letterhead.phone}
          field="phone"
          error={save.error}
        />
        <TextField
          label="Web address"
          name="web"
          maxLength={LETTERHEAD_LIMITS.web}
          defaultValue={letterhead.web}
          field="web"
          error={save.error}
        />
      </div>
      <fieldset className="field">
        <legend>Logo</legend>
        {shownLogo ? (
          <p>
            <img src={shownLogo} alt="The letterhead logo" className="letterhead-logo" />
          </p>
        ) : (
          <p className="muted">No logo: letters show the agency name alone.</p>
        )}
        <TextField
          label="Choose a PNG or JPEG image"
          name="logoFile"
          type="file"
          accept="image/png,image/jpeg"
          onChange={(e) => void chooseLogo(e.target.files?.[0])}
          field="logo"
          error={save.error}
          hint={`At most ${LETTERHEAD_LIMITS.logoBytes / 1024} KB.`}
        />
        {logoProblem && (
          <p className="field-error" role="alert">
            {logoProblem}
          </p>
        )}
        {shownLogo && (
          <button type="button" onClick={() => setLogo(null)}>
            Remove the logo
          </button>
        )}
      </fieldset>
      <FormError error={save.error} />
      <button type="submit" className="button-primary" disabled={save.isPending}>
        Save letterhead
      </button>
    </form>
  );
}

/** The letterhead settings screen. */
export function LetterheadScreen() {
  const letterhead = useQuery({
    queryKey: LETTERHEAD_KEY,
    queryFn: () => api<Letterhead>('GET', '/letters/letterhead'),
  });
  return (
    <>
      <PageHeading>Letterhead</PageHeading>
      <FormError error={letterhead.error} />
      {letterhead.data && <LetterheadForm letterhead={letterhead.data} />}
    </>
  );
}
