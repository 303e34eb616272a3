// Who may do what with complaints and hearing requests. Which complaints a user sees is decided in
// repositories/complaints.ts by the case the complaint comes from (visibleCasesFilter), so restricted stays so.
import { AppError } from '../errors.ts';
import type { Actor } from '../context.ts';

export type ComplaintAction = 'complaint:create' | 'complaint:extend' | 'complaint:resolve' | 'complaint:hearing';

/** Refuses (403, with the reason) a complaint action the actor may not take. */
export function authorizeComplaint(actor: Actor, action: ComplaintAction): void {
  if (actor.role === 'auditor') throw new AppError('forbidden', 'Auditors have read-only access.');
  if (actor.role === 'unit_liaison') {
    throw new AppError('forbidden', 'Unit liaisons add findings to cases; the ombudsperson office handles complaints.');
  }
  if (action === 'complaint:extend' && actor.role === 'caseworker') {
    throw new AppError('forbidden', 'Only a director (supervisor or administrator) may extend a complaint resolution.');
  }
}
