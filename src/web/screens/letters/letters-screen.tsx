// The day's letters: what waits to be printed (and which cannot be, with why), printing them as one batch PDF with
// window-envelope address pages, recording a batch as mailed, and the mailing log with its CSV.
import { useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../api/client.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { FormError } from '../../components/form-error.tsx';
import { TextField } from '../../components/fields.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { useAnnounce } from '../../components/announcer.tsx';
import { useUser } from '../../session.tsx';
import { agencyToday, formatDateTime, languageName } from '../../format.ts';
import { addLocalDays } from '../../../shared/local-time.ts';
import type { MailingLogRow, PrintBatch, WaitingLetters } from '../../../shared/letters.ts';
import { letterPdfHref } from '../cases/case-timeline-tab.tsx';

const LETTER_KEYS = ['letters'] as const;
/** The roles the server lets print letters and record mailings. */
const PRINT_ROLES = ['administrator', 'supervisor', 'caseworker'];

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

function useLettersMutation<Input, Answer>(
  request: (input: Input) => Promise<Answer>,
  message: (answer: Answer, input: Input) => string,
) {
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  return useMutation({
    mutationFn: request,
    onSuccess: (answer, input) => {
      void queryClient.invalidateQueries({ queryKey: LETTER_KEYS });
      announce(message(answer, input));
    },
  });
}

function Waiting({ canPrint }: { canPrint: boolean }) {
  const waiting = useQuery({
    queryKey: [...LETTER_KEYS, 'waiting'],
    queryFn: () => api<WaitingLetters>('GET', '/letters/waiting'),
  });
  const print = useLettersMutation(
    () => api<{ batch: PrintBatch; skipped: unknown[] }>('POST', '/letters/print-batches'),
    ({ batch, skipped }) =>
      `Print batch ${batch.id} made: ${plural(batch.letterCount, 'letter', 'letters')}` +
      (skipped.length ? `; ${plural(skipped.length, 'letter', 'letters')} left waiting without an address.` : '.'),
  );
  const items = waiting.data?.items ?? [];
  const printable = items.filter((l) => l.problem === null).length;
  return (
    <section className="panel" aria-labelledby="waiting-heading">
      <h2 id="waiting-heading">Waiting to be printed</h2>
      <FormError error={waiting.error} />
      {waiting.data && items.length === 0 && <p>No letters are waiting to be printed.</p>}
      {items.length > 0 && (
        <>
          <p>
            {plural(items.length, 'letter waits', 'letters wait')}
            {printable < items.length && `; ${plural(items.length - printable, 'has', 'have')} no mailing address`}.
            {waiting.data?.more && ' More wait than one batch holds; the rest go in the next batch.'}
          </p>
          <TableWrap label="Letters waiting to be printed">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">To</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Language</th>
                  <th scope="col">Written</th>
                  <th scope="col">Can be printed</th>
                </tr>
              </thead>
              <tbody>
                {items.map((l) => (
                  <tr key={l.entryId}>
                    <td>
                      <Link to="/cases/$trackingNumber" params={{ trackingNumber: l.trackingNumber }}>
                        {l.trackingNumber}
                      </Link>
                    </td>
                    <td>{l.recipient}</td>
                    <td>
                      <a href={letterPdfHref(l.trackingNumber, l.entryId)} target="_blank" rel="noopener">
                        {l.subject || 'Letter'}
                        <span className="visually-hidden"> (PDF, opens in a new tab)</span>
                      </a>
                    </td>
                    <td>{languageName(l.language)}</td>
                    <td>{formatDateTime(l.createdAt)}</td>
                    <td>{l.problem === null ? 'Yes' : `No: ${l.problem}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
      {canPrint && (
        <>
          <FormError error={print.error} />
          <button
            type="button"
            className="button-primary"
            disabled={print.isPending || printable === 0}
            onClick={() => print.mutate(undefined)}
          >
            {print.isPending ? 'Printing…' : `Print ${plural(printable, 'letter', 'letters')} as one PDF`}
          </button>
        </>
      )}
    </section>
  );
}

function MailedForm({ batch }: { batch: PrintBatch }) {
  const mailed = useLettersMutation(
    (mailedOn: string) => api<PrintBatch>('POST', `/letters/print-batches/${batch.id}/mailed`, { mailedOn }),
    (_, mailedOn) => `Print batch ${batch.id} recorded as mailed on ${mailedOn}.`,
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    mailed.mutate(String(new FormData(event.currentTarget).get('mailedOn') ?? ''));
  };
  return (
    <form onSubmit={submit} className="inline-form">
      <TextField
        label={`Mailed on (batch ${batch.id})`}
        name="mailedOn"
        type="date"
        required
        defaultValue={agencyToday()}
        max={agencyToday()}
        field="mailedOn"
        error={mailed.error}
      />
      <FormError error={mailed.error} />
      <button type="submit" disabled={mailed.isPending}>
        Record as mailed
      </button>
    </form>
  );
}

function Batches({ canPrint }: { canPrint: boolean }) {
  const batches = useQuery({
    queryKey: [...LETTER_KEYS, 'batches'],
    queryFn: () => api<PrintBatch[]>('GET', '/letters/print-batches'),
  });
  const list = batches.data ?? [];
  return (
    <section className="panel" aria-labelledby="batches-heading">
      <h2 id="batches-heading">Print batches</h2>
      <FormError error={batches.error} />
      {batches.data && list.length === 0 && <p>No letters have been printed yet.</p>}
      {list.length > 0 && (
        <TableWrap label="Print batches">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Batch</th>
                <th scope="col">Printed</th>
                <th scope="col">By</th>
                <th scope="col">Letters</th>
                <th scope="col">Mailed</th>
              </tr>
            </thead>
            <tbody>
              {list.map((b) => (
                <tr key={b.id}>
                  <th scope="row">
                    <a href={`/api/v1/letters/print-batches/${b.id}.pdf`} target="_blank" rel="noopener">
                      Batch {b.id} PDF<span className="visually-hidden"> (opens in a new tab)</span>
                    </a>{' '}
                    <span className="muted">({Math.ceil(b.sizeBytes / 1024).toLocaleString('en-US')} KB)</span>
                  </th>
                  <td>{formatDateTime(b.createdAt)}</td>
                  <td>{b.createdBy?.name ?? '—'}</td>
                  <td>{b.letterCount.toLocaleString('en-US')}</td>
                  <td>
                    {b.mailedOn ? (
                      <time dateTime={b.mailedOn}>{b.mailedOn}</time>
                    ) : canPrint ? (
                      <MailedForm batch={b} />
                    ) : (
                      'Not yet'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

function MailingLog() {
  const today = agencyToday();
  const [range, setRange] = useState({ from: addLocalDays(today, -30), to: today });
  const log = useQuery({
    queryKey: [...LETTER_KEYS, 'mailing-log', range],
    queryFn: () => api<MailingLogRow[]>('GET', `/letters/mailing-log${queryString(range)}`),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setRange({ from: String(form.get('from') ?? ''), to: String(form.get('to') ?? '') });
  };
  const rows = log.data ?? [];
  return (
    <section className="panel" aria-labelledby="mailing-log-heading">
      <h2 id="mailing-log-heading">Mailing log</h2>
      <form onSubmit={submit} className="filter-bar" aria-label="Mailing log dates">
        <TextField
          label="Mailed from"
          name="from"
          type="date"
          defaultValue={range.from}
          field="from"
          error={log.error}
        />
        <TextField label="Mailed to" name="to" type="date" defaultValue={range.to} field="to" error={log.error} />
        <button type="submit">Show</button>
      </form>
      <FormError error={log.error} />
      {log.data && rows.length === 0 && (
        <p>
          No letters were mailed from {range.from} to {range.to}.
        </p>
      )}
      {rows.length > 0 && (
        <>
          <p>
            {plural(rows.length, 'letter', 'letters')} mailed from {range.from} to {range.to}.{' '}
            <a href={`/api/v1/letters/mailing-log.csv${queryString(range)}`}>Download as CSV</a>
          </p>
          <TableWrap label="Mailing log">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Mailed on</th>
                  <th scope="col">Case</th>
                  <th scope="col">To</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Language</th>
                  <th scope="col">Batch</th>
                  <th scope="col">Recorded by</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.entryId}>
                    <td>
                      <time dateTime={r.mailedOn}>{r.mailedOn}</time>
                    </td>
                    <td>
                      <Link to="/cases/$trackingNumber" params={{ trackingNumber: r.trackingNumber }}>
                        {r.trackingNumber}
                      </Link>
                    </td>
                    <td>{r.recipient}</td>
                    <td>{r.subject}</td>
                    <td>{languageName(r.language)}</td>
                    <td>{r.batchId ?? '—'}</td>
                    <td>{r.recordedBy ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </section>
  );
}

/** The letters screen. */
export function LettersScreen() {
  const canPrint = PRINT_ROLES.includes(useUser().role);
  return (
    <>
      <PageHeading>Letters</PageHeading>
      <Waiting canPrint={canPrint} />
      <Batches canPrint={canPrint} />
      <MailingLog />
    </>
  );
}
