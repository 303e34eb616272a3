// The starter configuration of a county child-support ombudsperson's office (preset `child-support`, DOMAIN.md §4):
// units, subjects and routing, the three-business-day answer to inquiries, the complaint settings, and approved
// English and Spanish notices LCR001–LCR006 and SH001 in our own words. Administrators change all of it afterwards.
import type { StarterRule, StarterStandard, StarterSubject, StarterUnit } from './starter-types.ts';
import { DEFAULT_COMPLAINT_SETTINGS } from '../domain/complaint-clocks.ts';

export const childSupportUnits: StarterUnit[] = [
  { code: 'OMB', name: 'Ombudsperson' },
  { code: 'CM', name: 'Case Management' },
  { code: 'FIN', name: 'Financial/Distribution' },
  { code: 'EST', name: 'Establishment' },
  { code: 'ENF', name: 'Enforcement' },
  { code: 'LEG', name: 'Legal' },
];

export const childSupportSubjects: StarterSubject[] = [
  { code: 'APPLICATION', name: 'Application for services' },
  { code: 'CASE', name: 'Case handling' },
  { code: 'CASE.CLOSURE', name: 'Case closure', parentCode: 'CASE' },
  { code: 'PAYMENTS', name: 'Payments and distribution' },
  { code: 'PAYMENTS.ARREARS', name: 'Arrears balance', parentCode: 'PAYMENTS' },
  { code: 'ORDER', name: 'Support order (amount, modification)' },
  { code: 'PATERNITY', name: 'Paternity' },
  { code: 'ENFORCEMENT', name: 'Enforcement (wage assignment, licenses, liens)' },
  { code: 'CUSTODY', name: 'Custody or visitation' },
  { code: 'OTHER', name: 'Other' },
];

export const childSupportRules: StarterRule[] = [
  {
    name: 'Payments and arrears to Financial/Distribution',
    conditions: { subject: ['PAYMENTS'] },
    actions: { unitCode: 'FIN' },
    stopProcessing: true,
  },
  {
    name: 'Orders and paternity to Establishment',
    conditions: { subject: ['ORDER', 'PATERNITY'] },
    actions: { unitCode: 'EST' },
    stopProcessing: true,
  },
  { name: 'Enforcement', conditions: { subject: ['ENFORCEMENT'] }, actions: { unitCode: 'ENF' }, stopProcessing: true },
  {
    name: 'Custody and visitation to Legal',
    conditions: { subject: ['CUSTODY'] },
    actions: { unitCode: 'LEG' },
    stopProcessing: true,
  },
  {
    name: 'Applications and case handling to Case Management',
    conditions: { subject: ['APPLICATION', 'CASE'] },
    actions: { unitCode: 'CM' },
    stopProcessing: true,
  },
  { name: 'Everything else to the Ombudsperson', conditions: {}, actions: { unitCode: 'OMB' }, stopProcessing: true },
];

export const childSupportStandards: StarterStandard[] = [
  {
    name: 'Inquiries and disputes: answer within 3 business days',
    match: {},
    firstResponse: { amount: 3, unit: 'business_days' },
    resolution: { amount: 30, unit: 'calendar_days' },
    warningPercent: 60,
  },
];

/** The complaint process numbers of DOMAIN.md §4, written out so the administrator sees them. */
export const childSupportComplaintSettings = { ...DEFAULT_COMPLAINT_SETTINGS, repeatContactAction: 'suggest' as const };

interface Notice {
  code: string;
  name: string;
  subject: string;
  body: string;
}

const en: Notice[] = [
  {
    code: 'LCR001',
    name: 'LCR001 Request for Complaint Resolution',
    subject: 'Request for complaint resolution — case {{programCaseNumber}}',
    body:
      'Complainant: {{firstName}} {{lastName}}\nProgram case number: {{programCaseNumber}}\n\n' +
      'You may ask {{agencyName}} to resolve a complaint about an action, or a failure to act, on your child support ' +
      'case. Tell us what happened, when you learned of it, and what you would like us to do. Please file within ' +
      '90 days of learning of the action.\n\nWhat happened:\n\nWhen I learned of it:\n\nSignature and date:',
  },
  {
    code: 'LCR002',
    name: 'LCR002 Acknowledgement of Complaint',
    subject: 'We received your complaint {{complaintNumber}}',
    body:
      'Dear {{firstName}} {{lastName}},\n\nWe received your complaint about child support case ' +
      '{{programCaseNumber}}. Its number is {{complaintNumber}} and we count it as received on {{receiptDate}}. ' +
      'Someone who did not handle your case will look into it. We will send you a written resolution by ' +
      '{{resolutionDueOn}}.\n\nSincerely,\n{{agencyName}}',
  },
  {
    code: 'LCR003',
    name: 'LCR003 Complaint Amendment',
    subject: 'Your complaint {{complaintNumber}} was amended',
    body:
      'Dear {{firstName}} {{lastName}},\n\nYour complaint {{complaintNumber}} now also covers the issues you added. ' +
      'It keeps its original receipt date, {{receiptDate}}, and the written resolution is still due by ' +
      '{{resolutionDueOn}}.\n\nSincerely,\n{{agencyName}}',
  },
  {
    code: 'LCR004',
    name: 'LCR004 Complaint Transfer',
    subject: 'Your complaint {{complaintNumber}} was sent to another county',
    body:
      'Dear {{firstName}} {{lastName}},\n\nYour complaint concerns a case handled by another county, so we sent it ' +
      "to that county's child support agency: {{transferredTo}}. That agency will count your complaint as received " +
      'on the day it receives it and will write to you.\n\nSincerely,\n{{agencyName}}',
  },
  {
    code: 'LCR005',
    name: 'LCR005 Notice of Complaint Resolution Extension',
    subject: 'More time is needed for complaint {{complaintNumber}}',
    body:
      'Dear {{firstName}} {{lastName}},\n\nWe need more time to resolve your complaint {{complaintNumber}}, because: ' +
      '{{extensionReason}}\n\nYou will receive our written resolution by {{resolutionDueOn}}.\n\nSincerely,\n{{agencyName}}',
  },
  {
    code: 'LCR006',
    name: 'LCR006 Notice of Complaint Resolution',
    subject: 'Resolution of your complaint {{complaintNumber}}',
    body:
      'Dear {{firstName}} {{lastName}},\n\nWe looked into your complaint {{complaintNumber}} about case ' +
      '{{programCaseNumber}}.\n\nWhat we found and the steps taken:\n{{findings}}\n\nYour right to a state hearing: ' +
      'if you disagree with this resolution about an application, the handling of your case, the distribution of ' +
      'payments or arrears, or the closure of your case, you may ask for a state hearing by ' +
      '{{hearingRequestDeadline}}. A state hearing cannot change the amount of a court order, paternity, custody or ' +
      'visitation, spousal support, contempt or civil rights matters.\n\nSincerely,\n{{agencyName}}',
  },
  {
    code: 'SH001',
    name: 'SH001 Request for State Hearing',
    subject: 'Request for a state hearing — complaint {{complaintNumber}}',
    body:
      'Name: {{firstName}} {{lastName}}\nProgram case number: {{programCaseNumber}}\nComplaint: {{complaintNumber}}\n\n' +
      'I ask for a state hearing on these issues that I raised in my complaint:\n\n' +
      'I need an interpreter (language):\n\nSignature and date:',
  },
];

const es: Notice[] = [
  {
    code: 'LCR001',
    name: 'LCR001 Solicitud de resolución de queja',
    subject: 'Solicitud de resolución de queja — caso {{programCaseNumber}}',
    body:
      'Persona que presenta la queja: {{firstName}} {{lastName}}\nNúmero de caso del programa: {{programCaseNumber}}\n\n' +
      'Puede pedir a {{agencyName}} que resuelva una queja sobre una acción, o la falta de acción, en su caso de ' +
      'manutención de menores. Díganos qué pasó, cuándo se enteró y qué desea que hagamos. Preséntela dentro de los ' +
      '90 días después de enterarse de la acción.\n\nQué pasó:\n\nCuándo me enteré:\n\nFirma y fecha:',
  },
  {
    code: 'LCR002',
    name: 'LCR002 Acuse de recibo de la queja',
    subject: 'Recibimos su queja {{complaintNumber}}',
    body:
      'Estimado/a {{firstName}} {{lastName}}:\n\nRecibimos su queja sobre el caso de manutención {{programCaseNumber}}. ' +
      'Su número es {{complaintNumber}} y la consideramos recibida el {{receiptDate}}. La revisará una persona que no ' +
      'atendió su caso. Le enviaremos una resolución por escrito a más tardar el {{resolutionDueOn}}.\n\n' +
      'Atentamente,\n{{agencyName}}',
  },
  {
    code: 'LCR003',
    name: 'LCR003 Modificación de la queja',
    subject: 'Se modificó su queja {{complaintNumber}}',
    body:
      'Estimado/a {{firstName}} {{lastName}}:\n\nSu queja {{complaintNumber}} ahora incluye también los asuntos que ' +
      'agregó. Conserva su fecha de recibo original, {{receiptDate}}, y la resolución por escrito sigue venciendo el ' +
      '{{resolutionDueOn}}.\n\nAtentamente,\n{{agencyName}}',
  },
  {
    code: 'LCR004',
    name: 'LCR004 Traslado de la queja',
    subject: 'Su queja {{complaintNumber}} se envió a otro condado',
    body:
      'Estimado/a {{firstName}} {{lastName}}:\n\nSu queja se refiere a un caso que atiende otro condado, así que la ' +
      'enviamos a la agencia de manutención de ese condado: {{transferredTo}}. Esa agencia contará su queja como ' +
      'recibida el día en que la reciba y le escribirá.\n\nAtentamente,\n{{agencyName}}',
  },
  {
    code: 'LCR005',
    name: 'LCR005 Aviso de prórroga para resolver la queja',
    subject: 'Necesitamos más tiempo para la queja {{complaintNumber}}',
    body:
      'Estimado/a {{firstName}} {{lastName}}:\n\nNecesitamos más tiempo para resolver su queja {{complaintNumber}} ' +
      'por este motivo: {{extensionReason}}\n\nRecibirá nuestra resolución por escrito a más tardar el ' +
      '{{resolutionDueOn}}.\n\nAtentamente,\n{{agencyName}}',
  },
  {
    code: 'LCR006',
    name: 'LCR006 Aviso de resolución de la queja',
    subject: 'Resolución de su queja {{complaintNumber}}',
    body:
      'Estimado/a {{firstName}} {{lastName}}:\n\nRevisamos su queja {{complaintNumber}} sobre el caso ' +
      '{{programCaseNumber}}.\n\nLo que encontramos y las medidas tomadas:\n{{findings}}\n\nSu derecho a una audiencia ' +
      'estatal: si no está de acuerdo con esta resolución sobre una solicitud, el manejo de su caso, la distribución ' +
      'de pagos o atrasos, o el cierre de su caso, puede pedir una audiencia estatal a más tardar el ' +
      '{{hearingRequestDeadline}}. Una audiencia estatal no puede cambiar el monto de una orden judicial, la ' +
      'paternidad, la custodia o las visitas, la manutención del cónyuge, el desacato ni asuntos de derechos civiles.' +
      '\n\nAtentamente,\n{{agencyName}}',
  },
  {
    code: 'SH001',
    name: 'SH001 Solicitud de audiencia estatal',
    subject: 'Solicitud de audiencia estatal — queja {{complaintNumber}}',
    body:
      'Nombre: {{firstName}} {{lastName}}\nNúmero de caso del programa: {{programCaseNumber}}\nQueja: {{complaintNumber}}\n\n' +
      'Pido una audiencia estatal sobre estos asuntos que planteé en mi queja:\n\n' +
      'Necesito intérprete (idioma):\n\nFirma y fecha:',
  },
];

/** The approved notices of the preset, English and Spanish. */
export const childSupportTemplates = [...noticeLetters(en, 'en'), ...noticeLetters(es, 'es')];

/** The notices of one language as letter templates for complaints. */
function noticeLetters(notices: Notice[], language: string) {
  return notices.map((n) => ({
    ...n,
    channel: 'letter' as const,
    language,
    purpose: 'complaint_notice',
    responseKind: noticeKind(n.code),
  }));
}

/** Only the notice of resolution (LCR006) answers the complaint; the other notices acknowledge or inform. */
function noticeKind(code: string): 'acknowledgement' | 'substantive' {
  return code === 'LCR006' ? 'substantive' : 'acknowledgement';
}
