// Request and response shapes of accepting mail held back from a restricted case.
import { Type } from '@sinclair/typebox';

export const AcceptQuarantinedParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

export const AcceptedQuarantinedMail = Type.Object({
  trackingNumber: Type.String({ description: 'The case the message joined.' }),
});
