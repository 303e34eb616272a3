// The response-template library: every template with its approved version and the state of its latest one; open
// one to see its versions and move them through draft → submitted → approved / rejected → retired; add a template.
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { TemplateSummary } from '../../api/types.ts';
import { SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { LANGUAGES, humanize, languageName } from '../../format.ts';
import { useAdminMutation } from './admin-helpers.ts';
import { TemplateDetailPanel } from './template-detail.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';

const CHANNELS = ['email', 'letter', 'phone'].map((c) => ({ value: c, label: humanize(c) }));

/** The templates screen. */
export function TemplatesScreen() {
  const templates = useQuery({ queryKey: ['templates'], queryFn: () => api<TemplateSummary[]>('GET', '/templates') });
  const [openId, setOpenId] = useState<number | null>(null);
  const create = useAdminMutation<Record<string, string>>(
    (body) => ({ method: 'POST', path: '/templates', body }),
    [['templates']],
    (input) => `Template ${input.name} created as a draft.`,
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const target = event.currentTarget;
    const form = new FormData(target);
    const body = Object.fromEntries(
      ['code', 'name', 'channel', 'language', 'subject', 'body'].map((k) => [k, String(form.get(k) ?? '').trim()]),
    );
    create.mutate(body, {
      onSuccess: (answer) => {
        target.reset();
        const id = (answer as { id?: number }).id;
        if (id) setOpenId(id);
      },
    });
  };
  return (
    <>
      <PageHeading>Templates</PageHeading>
      <FormError error={templates.error} />
      <TableWrap label="Templates">
        <table className="data-table">
          <caption className="visually-hidden">Response templates</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Code</th>
              <th scope="col">Channel</th>
              <th scope="col">Language</th>
              <th scope="col">In use</th>
              <th scope="col">Latest version</th>
            </tr>
          </thead>
          <tbody>
            {(templates.data ?? []).map((t) => (
              <tr key={t.id}>
                <th scope="row">
                  <button
                    type="button"
                    className="button-quiet link-button"
                    aria-expanded={openId === t.id}
                    onClick={() => setOpenId(openId === t.id ? null : t.id)}
                  >
                    {t.name}
                  </button>
                  <span className="excerpt">
                    {humanize(t.channel)}, {languageName(t.language)}
                  </span>
                </th>
                <td>{t.code}</td>
                <td>{humanize(t.channel)}</td>
                <td>{languageName(t.language)}</td>
                <td>{t.approvedVersion ? `Version ${t.approvedVersion}` : 'None approved'}</td>
                <td>{t.latestVersion ? `${t.latestVersion.version}: ${humanize(t.latestVersion.status)}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {openId !== null && <TemplateDetailPanel id={openId} />}
      <form className="panel" onSubmit={submit} aria-labelledby="new-template-heading">
        <h2 id="new-template-heading">New template</h2>
        <div className="field-row">
          <TextField
            label="Code"
            name="code"
            required
            hint="The same code across languages, e.g. acknowledgement"
            field="code"
            error={create.error}
          />
          <TextField label="Name" name="name" required field="name" error={create.error} />
          <SelectField
            label="Channel"
            name="channel"
            defaultValue="email"
            options={CHANNELS}
            field="channel"
            error={create.error}
          />
          <SelectField
            label="Language"
            name="language"
            defaultValue="en"
            options={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
            field="language"
            error={create.error}
          />
        </div>
        <TextField label="Subject" name="subject" field="subject" error={create.error} />
        <TextAreaField label="Body" name="body" rows={6} required field="body" error={create.error} />
        <FormError error={create.error} />
        <button type="submit" className="button-primary" disabled={create.isPending}>
          Create draft
        </button>
      </form>
    </>
  );
}
