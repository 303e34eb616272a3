// The approvals waiting for the signed-in user: submitted template versions (not their own: four eyes), draft
// procedure versions and draft material versions, for the roles that may approve each. One list for the console's
// "Waiting for my approval" screen.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, stringEnum } from './schema-helpers.ts';

export const APPROVAL_KINDS = ['template', 'procedure', 'material'] as const;

export const PendingApprovalSchema = Type.Object({
  kind: stringEnum(APPROVAL_KINDS),
  /** The template, procedure or material. */
  id: Type.Integer(),
  title: Type.String(),
  version: Type.Integer(),
  language: Nullable(Type.String({ description: 'Templates and materials: the language of the version.' })),
  submittedBy: Nullable(Type.String({ description: 'Who drafted the version.' })),
  submittedAt: Type.String({ description: 'When the version was drafted.' }),
});

export const PendingApprovalsSchema = Type.Object({
  items: Type.Array(PendingApprovalSchema, { description: 'Oldest first.' }),
});

export type PendingApproval = Static<typeof PendingApprovalSchema>;
export type PendingApprovals = Static<typeof PendingApprovalsSchema>;
