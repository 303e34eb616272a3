// Waiting for my approval: every template version submitted by a colleague, draft procedure and draft material that
// the signed-in supervisor or administrator may decide, oldest first, each with a link to where it is decided.
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api } from '../../api/client.ts';
import { FormError } from '../../components/form-error.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { formatDateTime, languageName } from '../../format.ts';
import type { PendingApproval, PendingApprovals } from '../../../shared/approvals.ts';

const KIND_LABELS: Record<PendingApproval['kind'], string> = {
  template: 'Response template',
  procedure: 'Procedure',
  material: 'Public material',
};

/** Where the item is decided. */
function ItemLink({ item }: { item: PendingApproval }) {
  const text = `${item.title}, version ${item.version}`;
  if (item.kind === 'procedure') {
    return (
      <Link to="/quality/procedures/$procedureId" params={{ procedureId: String(item.id) }}>
        {text}
      </Link>
    );
  }
  if (item.kind === 'material') {
    return (
      <Link to="/community/$section" params={{ section: 'materials' }} search={{ q: item.title }}>
        {text}
      </Link>
    );
  }
  return (
    <Link to="/admin/$section" params={{ section: 'templates' }}>
      {text}
    </Link>
  );
}

/** The pending approvals screen. */
export function ApprovalsScreen() {
  const approvals = useQuery({
    queryKey: ['approvals'],
    queryFn: () => api<PendingApprovals>('GET', '/approvals'),
  });
  const items = approvals.data?.items ?? [];
  return (
    <>
      <PageHeading>Waiting for my approval</PageHeading>
      <p>
        Template versions a colleague submitted (you never approve your own), draft procedures and draft public
        materials, oldest first. Open one to read it and approve or send it back.
      </p>
      <FormError error={approvals.error} />
      {approvals.isPending && <p role="status">Loading…</p>}
      {approvals.data && items.length === 0 && <p>Nothing is waiting for your approval.</p>}
      {items.length > 0 && (
        <TableWrap label="Waiting for my approval">
          <table className="data-table">
            <caption className="visually-hidden">Waiting for my approval</caption>
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">Kind</th>
                <th scope="col">Language</th>
                <th scope="col">Drafted by</th>
                <th scope="col">Drafted</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={`${item.kind}-${item.id}-${item.version}-${item.language ?? ''}`}>
                  <td>
                    <ItemLink item={item} />
                  </td>
                  <td>{KIND_LABELS[item.kind]}</td>
                  <td>{item.language ? languageName(item.language) : '—'}</td>
                  <td>{item.submittedBy ?? '—'}</td>
                  <td>{formatDateTime(item.submittedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
