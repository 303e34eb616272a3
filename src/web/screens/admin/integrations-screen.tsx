// Keys for other systems: the signed-in administrator's API tokens (an integration calls the staff API as them) and
// the agency's Open311 keys (311 systems posting requests). A new secret is shown once, right here; revoking is at once.
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { formatDateTime } from '../../format.ts';
import type { Static } from '@sinclair/typebox';
import type { ApiTokenCreatedSchema, ApiTokenSummaryType } from '../../../shared/auth.ts';
import type { Open311Key, Open311KeyCreated } from '../../../shared/open311.ts';
import { useAdminMutation } from './admin-helpers.ts';

type ApiTokenCreated = Static<typeof ApiTokenCreatedSchema>;

const TOKENS_KEY = ['api-tokens'] as const;
const OPEN311_KEY = ['open311-keys'] as const;

/** A secret shown once, with what to do with it. */
function NewSecret({ label, secret }: { label: string; secret: string }) {
  return (
    <div className="notice" role="status">
      <p>
        <strong>{label}</strong> — copy it now; it is not shown again.
      </p>
      <p>
        <code className="secret">{secret}</code>
      </p>
    </div>
  );
}

/** A "Revoke" button that asks once more before revoking. */
function RevokeButton(props: { name: string; onRevoke(): void; pending: boolean }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" onClick={() => setAsking(true)} aria-label={`Revoke ${props.name}`}>
        Revoke
      </button>
    );
  }
  return (
    <span className="inline-actions">
      <button
        type="button"
        className="button-danger"
        disabled={props.pending}
        onClick={props.onRevoke}
        aria-label={`Yes, revoke ${props.name} now`}
      >
        Yes, revoke now
      </button>
      <button type="button" onClick={() => setAsking(false)} aria-label={`Keep ${props.name}`}>
        Keep
      </button>
    </span>
  );
}

function ApiTokens() {
  const tokens = useQuery({ queryKey: TOKENS_KEY, queryFn: () => api<ApiTokenSummaryType[]>('GET', '/api-tokens') });
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const create = useAdminMutation<{ name: string; expiresInDays?: number }>(
    (body) => ({ method: 'POST', path: '/api-tokens', body }),
    [TOKENS_KEY],
    (input) => `API token ${input.name} created.`,
  );
  const revoke = useAdminMutation<ApiTokenSummaryType>(
    (token) => ({ method: 'DELETE', path: `/api-tokens/${token.id}` }),
    [TOKENS_KEY],
    (token) => `API token ${token.name} revoked.`,
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const target = event.currentTarget;
    const form = new FormData(target);
    const days = String(form.get('expiresInDays') ?? '').trim();
    create.mutate(
      { name: String(form.get('name') ?? '').trim(), ...(days ? { expiresInDays: Number(days) } : {}) },
      {
        onSuccess: (answer) => {
          setCreated(answer as ApiTokenCreated);
          target.reset();
        },
      },
    );
  };
  const list = tokens.data ?? [];
  return (
    <section className="panel" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">Your API tokens</h2>
      <p className="muted">
        An integration that calls the staff API with a token acts as you, with your role. Tokens expire; revoke one as
        soon as it is no longer used.
      </p>
      <FormError error={tokens.error} />
      {tokens.data && list.length === 0 && <p>You have no API tokens.</p>}
      {list.length > 0 && (
        <TableWrap label="Your API tokens">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {list.map((token) => (
                <tr key={token.id}>
                  <th scope="row">{token.name}</th>
                  <td>{formatDateTime(token.createdAt)}</td>
                  <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</td>
                  <td>{formatDateTime(token.expiresAt)}</td>
                  <td>
                    {token.revokedAt ? (
                      `Revoked ${formatDateTime(token.revokedAt)}`
                    ) : token.expired ? (
                      'Expired'
                    ) : (
                      <RevokeButton
                        name={token.name}
                        pending={revoke.isPending}
                        onRevoke={() => revoke.mutate(token)}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <FormError error={revoke.error} />
      {created && <NewSecret label={`The token ${created.name}`} secret={created.token} />}
      <form onSubmit={submit} aria-labelledby="new-token-heading">
        <h3 id="new-token-heading">New API token</h3>
        <div className="field-row">
          <TextField label="Name" name="name" required maxLength={200} field="name" error={create.error} />
          <TextField
            label="Expires after (days)"
            name="expiresInDays"
            type="number"
            min={1}
            hint="Empty: the longest the server allows."
            field="expiresInDays"
            error={create.error}
          />
        </div>
        <FormError error={create.error} />
        <button type="submit" className="button-primary" disabled={create.isPending}>
          Create token
        </button>
      </form>
    </section>
  );
}

function Open311Keys() {
  const keys = useQuery({ queryKey: OPEN311_KEY, queryFn: () => api<Open311Key[]>('GET', '/open311-keys') });
  const [created, setCreated] = useState<Open311KeyCreated | null>(null);
  const create = useAdminMutation<{ name: string }>(
    (body) => ({ method: 'POST', path: '/open311-keys', body }),
    [OPEN311_KEY],
    (input) => `Open311 key ${input.name} issued.`,
  );
  const revoke = useAdminMutation<Open311Key>(
    (key) => ({ method: 'DELETE', path: `/open311-keys/${key.id}` }),
    [OPEN311_KEY],
    (key) => `Open311 key ${key.name} revoked.`,
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const target = event.currentTarget;
    create.mutate(
      { name: String(new FormData(target).get('name') ?? '').trim() },
      {
        onSuccess: (answer) => {
          setCreated(answer as Open311KeyCreated);
          target.reset();
        },
      },
    );
  };
  const list = keys.data ?? [];
  return (
    <section className="panel" aria-labelledby="open311-heading">
      <h2 id="open311-heading">Open311 keys</h2>
      <p className="muted">
        A 311 system sends its key as <code>api_key</code> with each service request it posts to /open311/v2.
      </p>
      <FormError error={keys.error} />
      {keys.data && list.length === 0 && <p>No Open311 keys have been issued.</p>}
      {list.length > 0 && (
        <TableWrap label="Open311 keys">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Issued</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {list.map((key) => (
                <tr key={key.id}>
                  <th scope="row">{key.name}</th>
                  <td>{formatDateTime(key.createdAt)}</td>
                  <td>
                    {key.revokedAt ? (
                      `Revoked ${formatDateTime(key.revokedAt)}`
                    ) : (
                      <RevokeButton name={key.name} pending={revoke.isPending} onRevoke={() => revoke.mutate(key)} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <FormError error={revoke.error} />
      {created && <NewSecret label={`The Open311 key ${created.name}`} secret={created.apiKey} />}
      <form onSubmit={submit} aria-labelledby="new-key-heading">
        <h3 id="new-key-heading">Issue an Open311 key</h3>
        <TextField label="Which 311 system" name="name" required maxLength={200} field="name" error={create.error} />
        <FormError error={create.error} />
        <button type="submit" className="button-primary" disabled={create.isPending}>
          Issue key
        </button>
      </form>
    </section>
  );
}

/** The integrations screen: API tokens and Open311 keys. */
export function IntegrationsScreen() {
  return (
    <>
      <PageHeading>API tokens and Open311 keys</PageHeading>
      <ApiTokens />
      <Open311Keys />
    </>
  );
}
