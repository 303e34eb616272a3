// Channels: the doors cases come through (email, letters, phone, 311, walk-ins, hotlines). Open a new one — e.g. an
// emergency hotline with its own unit and public form — in one step, close or reopen channels, and open the queue of
// the cases that came through each one.
import type { FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { channelOptions, unitOptions, useChannels, useUnits, type Channel } from '../../api/reference.ts';
import { CheckboxField, SelectField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { humanize } from '../../format.ts';
import { useAdminMutation } from './admin-helpers.ts';

/** The channels screen. */
export function ChannelsScreen() {
  const channels = useChannels();
  const units = useUnits();
  const create = useAdminMutation<Record<string, unknown>>(
    (body) => ({ method: 'POST', path: '/channels', body }),
    [['channels']],
    (input) => `Channel ${String(input.name)} opened.`,
  );
  const toggle = useAdminMutation<Channel>(
    (c) => ({
      method: 'PATCH',
      path: `/channels/${encodeURIComponent(c.slug)}`,
      body: { active: !c.active, expectedVersion: c.version },
    }),
    [['channels']],
    (c) => `${c.name} ${c.active ? 'closed' : 'reopened'}.`,
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const target = event.currentTarget;
    const form = new FormData(target);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    create.mutate(
      {
        slug: text('slug'),
        type: text('type'),
        name: text('name'),
        ...(text('phoneNumber') ? { phoneNumber: text('phoneNumber') } : {}),
        ...(text('unitCode') ? { unitCode: text('unitCode') } : {}),
        publicForm: form.get('publicForm') === 'on',
      },
      { onSuccess: () => target.reset() },
    );
  };
  return (
    <>
      <PageHeading>Channels</PageHeading>
      <FormError error={channels.error ?? toggle.error} />
      <TableWrap label="Channels">
        <table className="data-table">
          <caption className="visually-hidden">Channels of the agency</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Address or number</th>
              <th scope="col">Routes to</th>
              <th scope="col">State</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {(channels.data ?? []).map((c) => (
              <tr key={c.slug}>
                <th scope="row">
                  {c.name}
                  <span className="excerpt">{c.slug}</span>
                  <Link to="/queues/$queue" params={{ queue: 'all' }} search={{ channel: c.slug }} className="block">
                    Queue<span className="visually-hidden"> of {c.name}</span>
                  </Link>
                </th>
                <td>{c.type === '311' ? '311' : humanize(c.type)}</td>
                <td>{c.address ?? c.phoneNumber ?? '—'}</td>
                <td>{c.unitCode ?? 'Routing rules'}</td>
                <td>
                  {c.active ? 'Open' : 'Closed'}
                  {c.publicForm && <span className="block muted">Public form</span>}
                </td>
                <td>
                  <button
                    type="button"
                    onClick={() => toggle.mutate(c)}
                    aria-label={`${c.active ? 'Close' : 'Reopen'} ${c.name}`}
                  >
                    {c.active ? 'Close' : 'Reopen'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <form className="panel" aria-labelledby="add-channel-heading" onSubmit={submit}>
        <h2 id="add-channel-heading">Open a channel</h2>
        <div className="field-row">
          <TextField
            label="Name"
            name="name"
            required
            hint="e.g. Flood emergency hotline"
            field="name"
            error={create.error}
          />
          <TextField
            label="Short name for addresses"
            name="slug"
            required
            hint="e.g. flood-hotline"
            field="slug"
            error={create.error}
          />
          <SelectField
            label="Type"
            name="type"
            defaultValue="hotline"
            options={channelOptions}
            field="type"
            error={create.error}
          />
          <TextField
            label="Phone number (optional)"
            name="phoneNumber"
            type="tel"
            field="phoneNumber"
            error={create.error}
          />
          <SelectField
            label="Route everything to"
            name="unitCode"
            placeholder="Let the routing rules decide"
            options={unitOptions(units.data)}
            field="unitCode"
            error={create.error}
          />
        </div>
        <CheckboxField label="Offer a public form for it" name="publicForm" />
        <FormError error={create.error} />
        <button type="submit" className="button-primary" disabled={create.isPending}>
          Open channel
        </button>
      </form>
    </>
  );
}
