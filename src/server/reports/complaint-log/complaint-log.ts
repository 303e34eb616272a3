// The complaint log the state requires of a child-support office (DOMAIN.md §4): for each complaint received in a
// period, the complainant and role, the case number, the date received, the nature of the complaint, the date
// resolved, each action required, who is responsible and when it was completed, and the day each notice was mailed.
// Built as a ReportDocument, so it renders to CSV, XLSX and PDF like every other report. Only complaints the reader
// may see are listed (restricted cases stay restricted).
import type { CommandContext } from '../../context.ts';
import { actionsAndNoticesOf, complaintIssues, listComplaints } from '../../repositories/complaints.ts';
import { complaintCategory } from '../../../domain/hearing-eligibility.ts';
import type { ReportDocument } from '../../../shared/report-document.ts';
import { partiesOfComplaints } from '../../repositories/case-parties.ts';
import { presentParties } from '../../queries/case-parties.ts';
import { PARTY_ROLE_LABELS, type Party } from '../../../shared/parties.ts';

/** A party as the log lists it: name, role, address — never an address kept under a protective order. */
function partyLine(party: Party): string {
  const where = party.whereaboutsWithheld
    ? 'address withheld (protective order)'
    : party.address?.replace(/\s*\n\s*/g, ', ');
  return [
    `${party.firstName} ${party.lastName}`.trim(),
    `(${PARTY_ROLE_LABELS[party.role]})`,
    where ? `— ${where}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

const MAX_ROWS = 100_000;

const humanRole = (role: string) => role.replace(/_/g, ' ');

/** The complaint log of complaints with a receipt date from `from` to `to` (local dates, inclusive). */
export async function complaintLog(ctx: CommandContext, period: { from: string; to: string }): Promise<ReportDocument> {
  const { rows } = await listComplaints(ctx, { receivedFrom: period.from, receivedTo: period.to, limit: MAX_ROWS });
  rows.sort((a, b) => (a.receipt_date < b.receipt_date ? -1 : a.receipt_date > b.receipt_date ? 1 : a.id - b.id));
  const ids = rows.map((r) => r.id);
  const [issues, { actions, notices }, partyRows] = await Promise.all([
    complaintIssues(ctx.db, ctx.agency.id, ids),
    actionsAndNoticesOf(ctx.db, ctx.agency.id, ids),
    partiesOfComplaints(ctx.db, ctx.agency.id, ids),
  ]);
  // An export never carries whereabouts kept under a protective order, whoever downloads it.
  const { parties } = await presentParties(
    ctx,
    ctx.db,
    { owner: { complaintId: 0 }, caseId: null, restricted: false },
    partyRows,
    { discloseWhereabouts: false },
  );
  const complaintOfParty = new Map(partyRows.map((p) => [p.id, p.complaint_id]));
  const tableRows = rows.map((row) => {
    const own = <T extends { complaint_id: number }>(list: T[]) => list.filter((x) => x.complaint_id === row.id);
    const required = own(actions);
    return {
      complaint: row.complaint_number,
      complainant: `${row.complainant_first_name} ${row.complainant_last_name}`.trim(),
      role: humanRole(row.complainant_role),
      programCase: row.program_case_number,
      parties:
        parties
          .filter((p) => complaintOfParty.get(p.id) === row.id)
          .map(partyLine)
          .join('; ') || null,
      received: row.receipt_date,
      via: humanRole(row.received_via),
      nature: own(issues)
        .map((i) => `${complaintCategory(i.category)?.name ?? i.category}${i.description ? `: ${i.description}` : ''}`)
        .join('; '),
      status: row.status,
      resolved: row.resolved_on,
      actions: required.map((a) => a.action).join('; ') || null,
      responsible: required.map((a) => `${a.responsible_name} (${humanRole(a.responsible_kind)})`).join('; ') || null,
      completed: required.map((a) => a.completed_on ?? 'open').join('; ') || null,
      notices:
        own(notices)
          .map((n) => `${n.code} ${n.mailed_on ?? 'not mailed'}`)
          .join('; ') || null,
    };
  });
  return {
    title: 'Complaint log',
    subtitle: [ctx.agency.name, `Complaints received ${period.from} to ${period.to}`, `${rows.length} complaints`],
    tables: [
      {
        name: 'complaint_log',
        title: 'Complaints',
        description: 'Each complaint received in the period, its resolution, the actions it required and its notices.',
        columns: [
          { key: 'complaint', label: 'Complaint' },
          { key: 'complainant', label: 'Complainant' },
          { key: 'role', label: 'Role' },
          { key: 'programCase', label: 'Case number' },
          { key: 'parties', label: 'Parties' },
          { key: 'received', label: 'Received', format: 'date' },
          { key: 'via', label: 'Received via' },
          { key: 'nature', label: 'Nature of the complaint' },
          { key: 'status', label: 'Status' },
          { key: 'resolved', label: 'Resolved', format: 'date' },
          { key: 'actions', label: 'Action required' },
          { key: 'responsible', label: 'Responsible' },
          { key: 'completed', label: 'Completed' },
          { key: 'notices', label: 'Notices mailed' },
        ],
        rows: tableRows,
      },
    ],
  };
}
