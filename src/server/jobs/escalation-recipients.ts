// Who an escalation level of the agency's ladder tells: shared by the deadline sweep's cases, referrals and complaint
// deadlines.
import type { EscalationLevel } from '../../domain/types.ts';
import type { RecipientSelector } from '../repositories/notifications.ts';

/** Who an escalation level tells, for an item of `unitId` whose own person is `ownerId` (assignee or referrer). */
export function levelRecipients(
  level: EscalationLevel | undefined,
  unitId: number | null,
  ownerId: number | null,
): RecipientSelector {
  switch (level?.notifyRole) {
    case 'assignee':
      return { userIds: ownerId === null ? [] : [ownerId] };
    case 'supervisor':
      return { role: 'supervisor', inUnit: unitId };
    case 'unit_manager':
      // A unit without managers still tells someone: its supervisors.
      return unitId === null ? { role: 'supervisor' } : { unitManagersOf: unitId };
    case 'administrator':
      return { role: 'administrator' };
    default:
      return { userIds: ownerId === null ? [] : [ownerId] };
  }
}
