// A state hearing's position statement (DOMAIN.md §4): staff write the facts, citations and witness list and choose
// the numbered exhibits from the attachments of the complaint's case; the packet is one PDF assembled through the
// letters' Chromium renderer with the complaint, its issues and findings, the case facts, the notices sent with their
// mailed dates, the exhibits, the witnesses and the timeline of the complaint and the hearing.
import type { CommandContext } from '../../context.ts';
import { notFound, type ErrorDetail } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  complaintActionsOf,
  complaintIssues,
  complaintNoticesOf,
  findHearingRequest,
  findVisibleComplaint,
  type ComplaintRow,
  type HearingRequestRow,
} from '../../repositories/complaints.ts';
import {
  caseAttachmentsForExhibits,
  positionStatementOf,
  savePositionStatement,
  type ExhibitRow,
  type PositionStatementRow,
} from '../../repositories/position-statements.ts';
import { authorizeComplaint } from '../../policies/complaint-access.ts';
import { escapeHtml } from '../../channels/letters/letter-html.ts';
import { renderPdf } from '../../channels/letters/pdf-renderer.ts';
import { complaintCategory } from '../../../domain/hearing-eligibility.ts';
import type { PositionStatement, PositionStatementBody } from '../../../shared/position-statement.ts';
import { refuse } from './complaint-refusal.ts';

async function hearingOf(ctx: CommandContext, complaintNumber: string, hearingId: number, lock = false) {
  const complaint = await findVisibleComplaint(ctx.db, ctx, complaintNumber, lock);
  const hearing = await findHearingRequest(ctx.db, ctx.agency.id, complaint.id, hearingId);
  if (!hearing) throw notFound(`Hearing request ${hearingId} of complaint ${complaintNumber}`);
  return { complaint, hearing };
}

const exhibitsOf = (statement: PositionStatementRow, attachments: ExhibitRow[]) =>
  statement.position_exhibit_ids.flatMap((id) => attachments.filter((a) => a.id === id));

function present(hearingId: number, statement: PositionStatementRow, attachments: ExhibitRow[]): PositionStatement {
  return {
    hearingId,
    facts: statement.position_facts,
    citations: statement.position_citations,
    witnesses: statement.position_witnesses,
    exhibits: exhibitsOf(statement, attachments).map((a, i) => ({
      number: i + 1,
      attachmentId: a.id,
      filename: a.filename,
    })),
    available: attachments.map((a) => ({ attachmentId: a.id, filename: a.filename })),
  };
}

/** The position statement of a hearing request as it stands, with the attachments it may number. */
export async function getPositionStatement(
  ctx: CommandContext,
  complaintNumber: string,
  hearingId: number,
): Promise<PositionStatement> {
  authorizeComplaint(ctx.actor, 'complaint:hearing');
  const { complaint } = await hearingOf(ctx, complaintNumber, hearingId);
  const attachments = complaint.case_id
    ? await caseAttachmentsForExhibits(ctx.db, ctx.agency.id, complaint.case_id)
    : [];
  return present(hearingId, await positionStatementOf(ctx.db, ctx.agency.id, hearingId), attachments);
}

/** Saves the facts, citations, witnesses and exhibits; refuses unknown exhibits or empty facts and changes nothing. */
export async function setPositionStatement(
  ctx: CommandContext,
  complaintNumber: string,
  hearingId: number,
  input: PositionStatementBody,
): Promise<PositionStatement> {
  authorizeComplaint(ctx.actor, 'complaint:hearing');
  return ctx.db.transaction().execute(async (tx) => {
    const complaint = await findVisibleComplaint(tx, ctx, complaintNumber, true);
    const hearing = await findHearingRequest(tx, ctx.agency.id, complaint.id, hearingId);
    if (!hearing) throw notFound(`Hearing request ${hearingId} of complaint ${complaintNumber}`);
    const attachments = complaint.case_id ? await caseAttachmentsForExhibits(tx, ctx.agency.id, complaint.case_id) : [];
    const exhibitIds = input.exhibitIds ?? [];
    const problems: ErrorDetail[] = [];
    if (!input.facts.trim()) problems.push({ field: 'facts', message: 'write the facts of the case' });
    const unknown = exhibitIds.filter((id) => !attachments.some((a) => a.id === id));
    if (unknown.length) {
      problems.push({
        field: 'exhibitIds',
        message: `${unknown.join(', ')} ${unknown.length === 1 ? 'is not an attachment' : 'are not attachments'} of the complaint's case`,
      });
    }
    if (new Set(exhibitIds).size !== exhibitIds.length) {
      problems.push({ field: 'exhibitIds', message: 'names an attachment twice' });
    }
    refuse(problems);
    const before = await positionStatementOf(tx, ctx.agency.id, hearingId);
    const after: PositionStatementRow = {
      position_facts: input.facts.trim(),
      position_citations: input.citations?.trim() || null,
      position_witnesses: input.witnesses?.trim() || null,
      position_exhibit_ids: exhibitIds,
    };
    await savePositionStatement(tx, ctx.agency.id, hearingId, after);
    await recordAudit(tx, ctx, {
      action: 'complaint.position_statement_saved',
      entityType: 'hearing_request',
      entityId: hearingId,
      caseId: complaint.case_id,
      before: { exhibits: before.position_exhibit_ids },
      after: { exhibits: exhibitIds },
    });
    return present(hearingId, after, attachments);
  });
}

const paragraphs = (text: string | null) =>
  text
    ? text
        .split(/\n{2,}/)
        .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
        .join('')
    : '<p class="none">None stated.</p>';

function timeline(
  complaint: ComplaintRow,
  hearing: HearingRequestRow,
  notices: { code: string; mailed_on: string | null }[],
) {
  const events: [string | null, string][] = [
    [complaint.knew_of_action_on, 'Complainant knew of the action'],
    [complaint.postmarked_on, 'Complaint postmarked'],
    [complaint.received_on, `Complaint received (${complaint.received_via.replace(/_/g, ' ')})`],
    [complaint.receipt_date, 'Receipt date'],
    [complaint.extended_on, 'Resolution extended'],
    [complaint.transferred_on, 'Complaint transferred'],
    [complaint.resolved_on, 'Complaint resolved'],
    ...notices.map((n): [string | null, string] => [n.mailed_on, `Notice ${n.code} mailed`]),
    [hearing.requested_on, 'State hearing requested'],
    [hearing.hearing_on, `Hearing${hearing.hearing_place ? ` (${hearing.hearing_place})` : ''}`],
    [hearing.dismissal_notice_on, 'Dismissal notice'],
    [hearing.decision_adopted_on, 'Decision adopted'],
  ];
  return events
    .filter((e): e is [string, string] => e[0] !== null)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([date, what]) => `<tr><td>${escapeHtml(date)}</td><td>${escapeHtml(what)}</td></tr>`)
    .join('');
}

/** The position statement packet as one PDF. */
export async function renderPositionStatement(
  ctx: CommandContext,
  chromiumPath: string,
  complaintNumber: string,
  hearingId: number,
): Promise<{ filename: string; pdf: Buffer }> {
  authorizeComplaint(ctx.actor, 'complaint:hearing');
  const { complaint, hearing } = await hearingOf(ctx, complaintNumber, hearingId);
  const [statement, issues, notices, actions, attachments] = await Promise.all([
    positionStatementOf(ctx.db, ctx.agency.id, hearingId),
    complaintIssues(ctx.db, ctx.agency.id, [complaint.id]),
    complaintNoticesOf(ctx.db, ctx.agency.id, complaint.id),
    complaintActionsOf(ctx.db, ctx.agency.id, complaint.id),
    complaint.case_id ? caseAttachmentsForExhibits(ctx.db, ctx.agency.id, complaint.case_id) : Promise.resolve([]),
  ]);
  const e = escapeHtml;
  const category = (code: string) => complaintCategory(code)?.name ?? code;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Position statement</title><style>
body{font-family:'Noto Sans',sans-serif;font-size:11pt;margin:0.8in;color:#111}
h1{font-size:16pt;margin:0 0 4pt}h2{font-size:12.5pt;margin:16pt 0 4pt;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #bbb;padding:3pt 5pt;text-align:left;vertical-align:top}
.none{color:#555}.meta td:first-child{width:32%;font-weight:600}
</style></head><body>
<h1>Position statement for a state hearing</h1>
<p>${e(ctx.agency.name)} · Complaint ${e(complaint.complaint_number)} · Hearing request of ${e(hearing.requested_on)}</p>
<h2>The complaint</h2>
<table class="meta">
<tr><td>Complainant</td><td>${e(`${complaint.complainant_first_name} ${complaint.complainant_last_name}`.trim())} (${e(complaint.complainant_role.replace(/_/g, ' '))})</td></tr>
<tr><td>Program case number</td><td>${e(complaint.program_case_number)}</td></tr>
<tr><td>Receipt date</td><td>${e(complaint.receipt_date)}</td></tr>
<tr><td>Resolution due</td><td>${e(complaint.resolution_due_on)}</td></tr>
<tr><td>Status</td><td>${e(complaint.status)}</td></tr>
</table>
<h2>Issues</h2>
<table><tr><th>Issue</th><th>Description</th><th>Asked to be heard</th></tr>${issues
    .map(
      (i) =>
        `<tr><td>${e(category(i.category))}</td><td>${e(i.description ?? '')}</td><td>${hearing.issues.some((h) => h.category === i.category) ? 'yes' : 'no'}</td></tr>`,
    )
    .join('')}</table>
<h2>Findings of the local resolution</h2>${paragraphs(complaint.findings)}
${actions.length ? `<h2>Actions required</h2><table><tr><th>Action</th><th>Responsible</th><th>Due</th><th>Completed</th></tr>${actions.map((a) => `<tr><td>${e(a.action)}</td><td>${e(a.responsible_name)}</td><td>${e(a.due_on ?? '')}</td><td>${e(a.completed_on ?? 'open')}</td></tr>`).join('')}</table>` : ''}
<h2>Statement of facts</h2>${paragraphs(statement.position_facts)}
<h2>Citations</h2>${paragraphs(statement.position_citations)}
<h2>Witnesses</h2>${
    statement.position_witnesses
      ? `<ol>${statement.position_witnesses
          .split('\n')
          .filter((w) => w.trim())
          .map((w) => `<li>${e(w.trim())}</li>`)
          .join('')}</ol>`
      : '<p class="none">None.</p>'
  }
<h2>Exhibits</h2>${
    exhibitsOf(statement, attachments).length
      ? `<table><tr><th>Exhibit</th><th>Document</th></tr>${exhibitsOf(statement, attachments)
          .map((a, i) => `<tr><td>${i + 1}</td><td>${e(a.filename)}</td></tr>`)
          .join('')}</table>`
      : '<p class="none">None.</p>'
  }
<h2>Notices sent</h2>${notices.length ? `<table><tr><th>Notice</th><th>Subject</th><th>Mailed</th></tr>${notices.map((n) => `<tr><td>${e(n.code)}</td><td>${e(n.subject)}</td><td>${e(n.mailed_on ?? 'not mailed')}</td></tr>`).join('')}</table>` : '<p class="none">None.</p>'}
<h2>Timeline</h2><table><tr><th>Date</th><th>What happened</th></tr>${timeline(complaint, hearing, notices)}</table>
</body></html>`;
  const pdf = await renderPdf(html, chromiumPath);
  await recordAudit(ctx.db, ctx, {
    action: 'complaint.position_statement_downloaded',
    entityType: 'hearing_request',
    entityId: hearingId,
    caseId: complaint.case_id,
  });
  return { filename: `${complaint.complaint_number}-position-statement-${hearingId}.pdf`, pdf };
}
