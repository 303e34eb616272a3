// Procedure links: which subjects and routing rules show a procedure on the case screen. Choose a procedure, see what
// it is linked from, link it from a subject or a routing rule, and remove a link (supervisors and administrators).
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useSubjects } from '../../api/reference.ts';
import type { RoutingRule } from '../../api/types.ts';
import { SelectField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { humanize } from '../../format.ts';
import type { ProcedureLink, ProcedureSummary } from '../../../shared/quality.ts';
import { useAdminMutation } from './admin-helpers.ts';

const LINKS_KEY = ['procedure-links'] as const;

/** The procedure links screen. */
export function ProcedureLinksScreen() {
  const procedures = useQuery({
    queryKey: ['quality', 'procedures', ''],
    queryFn: () => api<ProcedureSummary[]>('GET', '/procedures'),
  });
  const subjects = useSubjects();
  const rules = useQuery({ queryKey: ['routing-rules'], queryFn: () => api<RoutingRule[]>('GET', '/routing-rules') });
  const [chosen, setChosen] = useState<number | null>(null);
  const procedureId = chosen ?? procedures.data?.[0]?.id ?? null;
  const procedure = procedures.data?.find((p) => p.id === procedureId);
  const links = useQuery({
    queryKey: [...LINKS_KEY, procedureId],
    queryFn: () => api<ProcedureLink[]>('GET', `/procedures/${procedureId}/links`),
    enabled: procedureId !== null,
  });
  const title = procedure?.title ?? '';
  const add = useAdminMutation<{ body: { subjectCode: string } | { routingRuleId: number }; label: string }>(
    ({ body }) => ({ method: 'POST', path: `/procedures/${procedureId}/links`, body }),
    [LINKS_KEY, ['quality']],
    (input) => `“${title}” is now linked from ${input.label}.`,
  );
  const remove = useAdminMutation<{ id: number; label: string }>(
    ({ id }) => ({ method: 'DELETE', path: `/procedures/${procedureId}/links/${id}` }),
    [LINKS_KEY, ['quality']],
    (input) => `Link from ${input.label} removed.`,
  );
  const activeSubjects = (subjects.data ?? []).filter((s) => s.active);
  const ruleList = rules.data ?? [];
  const linkLabel = (l: ProcedureLink) =>
    l.subjectCode !== null
      ? `the subject ${l.subjectName ?? l.subjectCode} (${l.subjectCode})`
      : `the routing rule ${l.routingRuleName ?? `#${l.routingRuleId}`}`;

  const submitSubject = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('subjectCode') ?? '');
    const subject = activeSubjects.find((s) => s.code === code);
    add.mutate({ body: { subjectCode: code }, label: `the subject ${subject?.name ?? code}` });
  };
  const submitRule = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const id = Number(new FormData(event.currentTarget).get('routingRuleId'));
    const rule = ruleList.find((r) => r.id === id);
    add.mutate({ body: { routingRuleId: id }, label: `the routing rule ${rule?.name ?? id}` });
  };

  return (
    <>
      <PageHeading>Procedure links</PageHeading>
      <p>
        A procedure linked from a subject or a routing rule is shown on the screen of every case with that subject or
        matched by that rule, once the procedure is approved.
      </p>
      <FormError error={procedures.error ?? links.error ?? remove.error} />
      {procedures.data && procedures.data.length === 0 && (
        <p>No procedures yet: write one under Quality → Procedures first.</p>
      )}
      {procedures.data && procedures.data.length > 0 && (
        <>
          <SelectField
            label="Procedure"
            name="procedureId"
            value={String(procedureId ?? '')}
            onChange={(e) => setChosen(Number(e.currentTarget.value))}
            options={procedures.data.map((p) => ({
              value: String(p.id),
              label: `${p.title} (${humanize(p.kind)}, version ${p.version} ${p.status})`,
            }))}
          />
          <h2>Linked from</h2>
          {links.data && links.data.length === 0 && <p>“{title}” is not linked from any subject or rule yet.</p>}
          {links.data && links.data.length > 0 && (
            <TableWrap label={`Links of ${title}`}>
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">Linked from</th>
                    <th scope="col">Name</th>
                    <th scope="col">
                      <span className="visually-hidden">Remove</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {links.data.map((l) => (
                    <tr key={l.id}>
                      <td>{l.subjectCode !== null ? 'Subject' : 'Routing rule'}</td>
                      <th scope="row">
                        {l.subjectCode !== null
                          ? `${l.subjectName ?? l.subjectCode} (${l.subjectCode})`
                          : (l.routingRuleName ?? `Rule #${l.routingRuleId}`)}
                      </th>
                      <td>
                        <button
                          type="button"
                          disabled={remove.isPending}
                          onClick={() => remove.mutate({ id: l.id, label: linkLabel(l) })}
                        >
                          Remove<span className="visually-hidden"> the link from {linkLabel(l)}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          <FormError error={add.error} />
          <form className="panel" aria-labelledby="link-subject-heading" onSubmit={submitSubject}>
            <h2 id="link-subject-heading">Link from a subject</h2>
            <SelectField
              label="Subject"
              name="subjectCode"
              required
              placeholder="Choose a subject"
              options={activeSubjects.map((s) => ({ value: s.code, label: `${s.name} (${s.code})` }))}
              field="subjectCode"
              error={add.error}
            />
            <button type="submit" disabled={add.isPending}>
              Link subject
            </button>
          </form>
          <form className="panel" aria-labelledby="link-rule-heading" onSubmit={submitRule}>
            <h2 id="link-rule-heading">Link from a routing rule</h2>
            {ruleList.length === 0 ? (
              <p>No routing rules yet.</p>
            ) : (
              <>
                <SelectField
                  label="Routing rule"
                  name="routingRuleId"
                  required
                  placeholder="Choose a rule"
                  options={ruleList.map((r) => ({ value: String(r.id), label: r.name }))}
                  field="routingRuleId"
                  error={add.error}
                />
                <button type="submit" disabled={add.isPending}>
                  Link rule
                </button>
              </>
            )}
          </form>
        </>
      )}
    </>
  );
}
