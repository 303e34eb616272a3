// The configuration API's contract (subjects, units, users, routing rules, service standards, agency settings,
// channels, Open311 keys and service questions): request pieces the configuration routes share — string enums that
// fail with one clear message (not one per literal), routing conditions and targets — and every answer's shape.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { ROLES } from './auth.ts';
import { PRIORITIES as PRIORITY_VALUES, WRITER_TYPES as WRITER_TYPE_VALUES } from './vocabulary.ts';
import { IdParams, NoContent, Nullable, stringEnum, VersionQuery } from './schema-helpers.ts';

export { IdParams, NoContent, PRIORITY_VALUES, ROLES, stringEnum, VersionQuery, WRITER_TYPE_VALUES };

const shortList = <T extends TSchema>(item: T) => Type.Array(item, { maxItems: 100 });
const text = (maxLength: number) => Type.String({ maxLength });

export const RuleConditionsSchema = Type.Object(
  {
    channel: Type.Optional(shortList(text(40))),
    subject: Type.Optional(shortList(text(70))),
    words: Type.Optional(shortList(text(200))),
    writerType: Type.Optional(shortList(stringEnum(WRITER_TYPE_VALUES))),
    language: Type.Optional(shortList(text(35))),
    facility: Type.Optional(shortList(text(200))),
  },
  { additionalProperties: false, description: 'All present lists must match (AND); any value within a list (OR).' },
);

export const RuleActionsSchema = Type.Object(
  {
    unitCode: Type.Optional(text(20)),
    priority: Type.Optional(stringEnum(PRIORITY_VALUES)),
    serviceStandardId: Type.Optional(Type.Integer({ minimum: 1 })),
    tags: Type.Optional(Type.Array(text(50), { maxItems: 20 })),
  },
  { additionalProperties: false },
);

export const StandardMatchSchema = Type.Object(
  {
    channel: Type.Optional(shortList(text(40))),
    subject: Type.Optional(shortList(text(70))),
    priority: Type.Optional(shortList(stringEnum(PRIORITY_VALUES))),
    writerType: Type.Optional(shortList(stringEnum(WRITER_TYPE_VALUES))),
  },
  { additionalProperties: false },
);

export const TargetSchema = Type.Union([
  Type.Object(
    {
      amount: Type.Integer({ minimum: 1 }),
      unit: stringEnum(['business_hours', 'business_days', 'calendar_days'] as const),
    },
    { additionalProperties: false },
  ),
  Type.Null(),
]);

export const Position = Type.Integer({ minimum: 0, maximum: 1_000_000 });

// ---- responses ----

export const SubjectSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  parentCode: Nullable(Type.String()),
  active: Type.Boolean(),
});

export const UnitSchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  active: Type.Boolean(),
  memberCount: Type.Integer(),
});

export const StaffUserSchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  role: Type.String(),
  active: Type.Boolean(),
  language: Type.String(),
  mustChangePassword: Type.Boolean(),
  locked: Type.Boolean(),
  lockedUntil: Nullable(Type.String()),
  failedLogins: Type.Integer(),
  unitIds: Type.Array(Type.Integer()),
  managedUnitIds: Type.Array(Type.Integer()),
  createdAt: Type.String(),
});
export const StaffUserCreatedSchema = Type.Composite([
  StaffUserSchema,
  Type.Object({ temporaryPassword: Type.Optional(Type.String({ description: 'Shown once when none was given.' })) }),
]);

const listOf = (description: string) => Type.Optional(Type.Array(Type.String(), { description }));
export const RuleConditionsViewSchema = Type.Object(
  {
    channel: listOf('channel slugs'),
    subject: listOf('subject codes'),
    words: listOf('words or phrases'),
    writerType: listOf('writer types'),
    language: listOf('language codes'),
    facility: listOf('facilities'),
  },
  { additionalProperties: true },
);
export const RuleActionsViewSchema = Type.Object(
  {
    unitCode: Type.Optional(Type.String()),
    priority: Type.Optional(Type.String()),
    serviceStandardId: Type.Optional(Type.Integer()),
    tags: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: true },
);

export const RoutingRuleSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  position: Type.Integer(),
  conditions: RuleConditionsViewSchema,
  actions: RuleActionsViewSchema,
  stopProcessing: Type.Boolean(),
  active: Type.Boolean(),
  version: Type.Integer(),
});
export const RoutingRuleListSchema = Type.Array(RoutingRuleSchema);

export const RuleTestOutcomeSchema = Type.Object({
  result: Type.Object({
    unitCode: Type.Optional(Type.String()),
    priority: Type.Optional(Type.String()),
    serviceStandardId: Type.Optional(Type.Integer()),
    tags: Type.Array(Type.String()),
    matched: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
  }),
  rules: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      position: Type.Integer(),
      active: Type.Boolean(),
      matched: Type.Boolean(),
      conditions: Type.Array(
        Type.Object({
          field: Type.String(),
          expected: Type.Array(Type.String()),
          actual: Type.Union([Type.String(), Type.Array(Type.String()), Type.Null()], {
            description: "The item's value; for words, the words and phrases found in the text.",
          }),
          matched: Type.Boolean(),
        }),
      ),
    }),
  ),
});

const TargetViewSchema = Nullable(Type.Object({ amount: Type.Integer(), unit: Type.String() }));
export const ServiceStandardSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  position: Type.Integer(),
  match: Type.Object(
    {
      channel: listOf('channel slugs'),
      subject: listOf('subject codes'),
      priority: listOf('priorities'),
      writerType: listOf('writer types'),
    },
    { additionalProperties: true },
  ),
  firstResponse: TargetViewSchema,
  resolution: TargetViewSchema,
  warningPercent: Type.Integer(),
  active: Type.Boolean(),
  version: Type.Integer(),
});
export const ServiceStandardListSchema = Type.Array(ServiceStandardSchema);

/** The complaint and hearing clocks of an agency (DOMAIN.md §4): every number is the agency's to set. */
export const COMPLAINT_SETTING_FIELDS = [
  ['acknowledgementBusinessDays', 'Acknowledgement (LCR002) due, business days after receipt'],
  ['mailReceiptBusinessDays', 'Mail counts as received, business days after its postmark'],
  ['filingWindowDays', 'Filing window, days after the complainant knew of the action'],
  ['resolutionDays', 'Resolution due, days after the receipt date'],
  ['extensionDays', 'Days one extension adds'],
  ['maxExtensions', 'Extensions a director may grant'],
  ['transferDays', 'Transfer to another county within, days'],
  ['hearingRequestWindowDays', 'State hearing request window, days'],
  ['dismissalEffectiveDays', 'A dismissal takes effect, days after its notice'],
  ['decisionPresumedReceivedBusinessDays', 'A decision is presumed received, business days after adoption'],
  ['complianceReportDays', 'Compliance report due, days after the decision is received'],
  ['repeatContactDays', 'A contact on the same subject within this many days is a repeat contact'],
] as const;
export type ComplaintSettingKey = (typeof COMPLAINT_SETTING_FIELDS)[number][0];
export const REPEAT_CONTACT_ACTIONS = ['suggest', 'convert'] as const;

const settingDays = (description: string) => Type.Integer({ minimum: 0, maximum: 3660, description });
export const ComplaintSettingsSchema = Type.Object({
  ...(Object.fromEntries(COMPLAINT_SETTING_FIELDS.map(([key, label]) => [key, settingDays(label)])) as Record<
    ComplaintSettingKey,
    ReturnType<typeof settingDays>
  >),
  repeatContactAction: stringEnum(REPEAT_CONTACT_ACTIONS),
});
export type ComplaintSettingsView = Static<typeof ComplaintSettingsSchema>;

export const AgencySettingsSchema = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  timeZone: Type.String(),
  trackingPrefix: Type.String(),
  calendar: Type.Object({
    preset: Type.Optional(Type.String()),
    workingHours: Type.Record(Type.String(), Nullable(Type.Object({ start: Type.String(), end: Type.String() }))),
    holidays: Type.Array(Type.Object({ date: Type.String(), name: Type.String() })),
  }),
  escalationLevels: Type.Array(Type.Object({ level: Type.Integer(), name: Type.String(), notifyRole: Type.String() })),
  complaints: ComplaintSettingsSchema,
  publicNames: Type.Record(Type.String(), Type.String(), {
    description: 'The agency’s name on the public portal by language code; a language left out shows the name.',
  }),
  areas: Type.Array(Type.String(), {
    description: 'The areas engagements serve; when not empty, a new or changed engagement area must be one of them.',
  }),
  version: Type.Integer(),
});

export const ChannelSchema = Type.Object({
  slug: Type.String(),
  type: Type.String(),
  name: Type.String(),
  address: Type.Optional(Type.String({ description: 'The mailbox address of an email channel.' })),
  phoneNumber: Nullable(Type.String()),
  publicForm: Type.Boolean(),
  active: Type.Boolean(),
  unitCode: Nullable(Type.String()),
  subjects: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  serviceStandardId: Nullable(Type.Integer()),
  description: Nullable(Type.String()),
  version: Type.Integer(),
});
export const ChannelListSchema = Type.Array(ChannelSchema);

export type Subject = Static<typeof SubjectSchema>;
export type Unit = Static<typeof UnitSchema>;
export type StaffUser = Static<typeof StaffUserSchema> & { temporaryPassword?: string };
export type RoutingRule = Static<typeof RoutingRuleSchema>;
export type ServiceStandard = Static<typeof ServiceStandardSchema>;
export type AgencySettings = Static<typeof AgencySettingsSchema>;
export type Channel = Static<typeof ChannelSchema>;
