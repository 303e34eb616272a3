// Retention: how many years after closing a case of each kind is anonymised or deleted (a subject code, '*' for every
// other case, '#restricted' for restricted cases), the dry-run report of what a run would do now, and the run itself
// after a confirmation.
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { RetentionReport, RetentionRuleInput, RetentionRules } from '../../../shared/retention.ts';
import { FormError } from '../../components/form-error.tsx';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { humanize } from '../../format.ts';
import { useAdminMutation } from './admin-helpers.ts';

const RULES_KEY = ['retention-rules'] as const;
const REPORT_KEY = ['retention-report'] as const;

function RulesForm({ initial }: { initial: RetentionRuleInput[] }) {
  const [rules, setRules] = useState<RetentionRuleInput[]>(initial);
  const save = useAdminMutation<RetentionRuleInput[]>(
    (list) => ({ method: 'PUT', path: '/retention/rules', body: { rules: list } }),
    [RULES_KEY, REPORT_KEY],
    () => 'Retention rules saved.',
  );
  const change = (index: number, patch: Partial<RetentionRuleInput>) =>
    setRules((list) => list.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(rules.map((r) => ({ ...r, caseKind: r.caseKind.trim() })));
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="rules-heading">
      <h2 id="rules-heading">Rules</h2>
      <p className="hint">
        Case kind is a subject code, <code>*</code> for every other case, or <code>#restricted</code> for restricted
        cases. Years count from the day the case was closed.
      </p>
      {rules.length === 0 ? (
        <p>No rules: closed cases are kept.</p>
      ) : (
        <TableWrap label="Retention rules">
          <table className="data-table">
            <caption className="visually-hidden">Retention rules by case kind</caption>
            <thead>
              <tr>
                <th scope="col">Case kind</th>
                <th scope="col">Years after closing</th>
                <th scope="col">Then</th>
                <th scope="col">Remove</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((r, i) => (
                <tr key={i}>
                  <td>
                    <input
                      value={r.caseKind}
                      aria-label={`Case kind of rule ${i + 1}`}
                      onChange={(e) => change(i, { caseKind: e.target.value })}
                      required
                    />
                  </td>
                  <td>
                    <input
                      type="number"
                      min={0}
                      inputMode="numeric"
                      value={String(r.years)}
                      aria-label={`Years after closing, rule ${i + 1}`}
                      onChange={(e) => change(i, { years: Number(e.target.value) })}
                      required
                    />
                  </td>
                  <td>
                    <select
                      value={r.action}
                      aria-label={`What happens under rule ${i + 1}`}
                      onChange={(e) => change(i, { action: e.target.value as RetentionRuleInput['action'] })}
                    >
                      <option value="anonymise">Anonymise</option>
                      <option value="delete">Delete</option>
                    </select>
                  </td>
                  <td>
                    <button
                      type="button"
                      aria-label={`Remove rule ${i + 1}`}
                      onClick={() => setRules((list) => list.filter((_, j) => j !== i))}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <FormError error={save.error} />
      <div className="actions">
        <button
          type="button"
          onClick={() => setRules((list) => [...list, { caseKind: '*', years: 7, action: 'anonymise' }])}
        >
          Add a rule
        </button>
        <button type="submit" className="button-primary" disabled={save.isPending}>
          Save rules
        </button>
      </div>
    </form>
  );
}

function ReportFacts({ report: r }: { report: RetentionReport }) {
  return (
    <>
      <dl className="facts">
        <div>
          <dt>Counted from</dt>
          <dd>{r.asOf}</dd>
        </div>
        <div>
          <dt>Cases anonymised</dt>
          <dd>{r.casesAnonymised}</dd>
        </div>
        <div>
          <dt>Cases deleted</dt>
          <dd>{r.casesDeleted}</dd>
        </div>
        <div>
          <dt>Kept anonymised (still referred to)</dt>
          <dd>{r.keptAnonymised}</dd>
        </div>
        <div>
          <dt>People anonymised</dt>
          <dd>{r.peopleAnonymised}</dd>
        </div>
        <div>
          <dt>Attachments removed</dt>
          <dd>{r.attachmentsRemoved}</dd>
        </div>
        <div>
          <dt>Mails cleared</dt>
          <dd>{r.mailsCleared}</dd>
        </div>
      </dl>
      {r.cases.length > 0 && (
        <TableWrap label="Cases that go">
          <table className="data-table">
            <caption className="visually-hidden">The first cases that go, with what happens and since when</caption>
            <thead>
              <tr>
                <th scope="col">Tracking number</th>
                <th scope="col">What happens</th>
                <th scope="col">Due since</th>
              </tr>
            </thead>
            <tbody>
              {r.cases.map((c) => (
                <tr key={c.trackingNumber}>
                  <th scope="row">{c.trackingNumber}</th>
                  <td>{humanize(c.action)}</td>
                  <td>{c.dueOn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}

/** The retention screen. */
export function RetentionScreen() {
  const rules = useQuery({ queryKey: RULES_KEY, queryFn: () => api<RetentionRules>('GET', '/retention/rules') });
  const report = useQuery({ queryKey: REPORT_KEY, queryFn: () => api<RetentionReport>('GET', '/retention/report') });
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<RetentionReport | null>(null);
  const run = useAdminMutation<void>(
    () => ({ method: 'POST', path: '/retention/run' }),
    [REPORT_KEY],
    (_input, answer) => {
      const r = answer as RetentionReport;
      return `Retention run: ${r.casesAnonymised} cases anonymised, ${r.casesDeleted} deleted.`;
    },
  );
  const r = report.data;
  const due = r ? r.casesAnonymised + r.casesDeleted : 0;
  return (
    <>
      <PageHeading>Retention</PageHeading>
      <p>
        Closed cases are anonymised or deleted when their kind’s years have passed: their people (unless they have other
        live cases), attachments and mail go with them. The audit events stay, without their values.
      </p>
      <FormError error={rules.error} />
      {rules.data && <RulesForm key={JSON.stringify(rules.data.rules)} initial={rules.data.rules} />}
      <section className="panel" aria-labelledby="report-heading">
        <h2 id="report-heading">What a run would do now</h2>
        {report.isPending && <p role="status">Loading…</p>}
        <FormError error={report.error} />
        {r && <ReportFacts report={r} />}
        <FormError error={run.error} />
        <div className="actions">
          <button
            type="button"
            className="button-danger"
            disabled={!r || run.isPending}
            onClick={() => setConfirming(true)}
          >
            Run retention now
          </button>
        </div>
      </section>
      {done && (
        <section className="panel" aria-labelledby="done-heading">
          <h2 id="done-heading">Last run</h2>
          <ReportFacts report={done} />
        </section>
      )}
      <ModalDialog open={confirming} title="Run retention now?" onClose={() => setConfirming(false)}>
        <p>
          {due === 0
            ? 'No case is due now; the run changes nothing.'
            : `${r?.casesAnonymised ?? 0} cases will be anonymised and ${r?.casesDeleted ?? 0} deleted. This cannot be undone.`}
        </p>
        <div className="actions">
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
          <button
            type="button"
            className="button-danger"
            disabled={run.isPending}
            onClick={() =>
              run.mutate(undefined, {
                onSuccess: (answer) => setDone(answer as RetentionReport),
                onSettled: () => setConfirming(false),
              })
            }
          >
            Run retention
          </button>
        </div>
      </ModalDialog>
    </>
  );
}
