// `civicdesk seed demo`: loads a realistic office into agency `main` — staff across the units, approved templates
// in the eleven languages, and a year and a month of cases with people, timelines, deadlines and audit events —
// in bulk (multi-row INSERTs), deterministically from a seed, and only once (a marker in agencies.settings).
import cliProgress from 'cli-progress';
import type { Db } from '../server/db/database.ts';
import type { CaseStatus, WriterType } from '../server/db/schema.ts';
import { hashPassword } from '../server/auth/credentials.ts';
import { diffFields } from '../server/repositories/audit.ts';
import { intakeConfiguration, type IntakeConfiguration } from '../server/repositories/intake-configuration.ts';
import { insertCaseRows, type BatchValue, type NewCaseColumn } from '../server/repositories/new-cases.ts';
import { upsertCalls, type CallValues } from '../server/repositories/calls.ts';
import { insertInterpretationRequests, type InterpretationValues } from '../server/repositories/interpretations.ts';
import { finishImportRun, startImportRun } from '../server/repositories/imports.ts';
import {
  agencyForDemo,
  allocateIds,
  insertDemoRows,
  insertDemoStaff,
  insertDemoTemplates,
  lockAgencyForDemo,
  markDemoLoaded,
  reserveTrackingRange,
  type DemoTemplateRef,
} from '../server/repositories/demo-seed.ts';
import { normalizeContact, type ContactKind } from '../server/repositories/people.ts';
import { starterTemplates } from '../server/starter-configuration.ts';
import { decideIntake } from '../domain/intake-decision.ts';
import { mergeFields } from '../domain/template-merge.ts';
import { addLocalDays, localDate as domainLocalDate, weekdayOf, zonedDateTime } from '../shared/local-time.ts';
import type { BusinessCalendar } from '../domain/types.ts';
import { SeededRandom } from '../server/demo/random.ts';
import {
  DEMO_TRANSLATION_LANGUAGES,
  demoResponseText,
  templateTranslations,
  type DemoLanguage,
  type TranslatedTemplateKey,
} from '../server/demo/template-translations.ts';
import {
  advocacyGroups,
  demoStaff,
  descriptionsBySubject,
  electedOffices,
  facilities,
  inquiryTexts,
  mediaOutlets,
  namesByLanguage,
  streets,
} from '../server/demo/vocabulary.ts';

/** The password every demo staff account signs in with. */
export const DEMO_PASSWORD = 'demo password 1';
/** The domain of the demo staff's email addresses (reserved for examples, so nothing is ever delivered). */
export const DEMO_STAFF_DOMAIN = 'demo.civicdesk.example';
const DEMO_SEED = 20_260_301;
const DAY = 86_400_000;
const SPAN_DAYS = 396; // thirteen months
const BATCH = 500;
// The open backlog (tuned so that about a tenth of the open cases are overdue on the day the demo is seeded): cases
// received in the last STUCK_WINDOW_DAYS that nobody has answered yet, and answered cases of the last
// LEFT_OPEN_WINDOW_DAYS that are still open (waiting for a document, a follow-up) — older ones were all worked off.
const STUCK_WINDOW_DAYS = 60;
const STUCK_SHARE = 0.002;
const LEFT_OPEN_WINDOW_DAYS = 40;
const LEFT_OPEN_SHARE = 0.02;

export interface SeedDemoOptions {
  cases: number;
  /** Draws a progress bar on standard error (a terminal) from the first step to the last. */
  progress?: boolean;
  /** Told after each step: steps done of all, and what is being done now (the bar is one listener). */
  onProgress?: (done: number, total: number, stage: string) => void;
  seed?: number;
  /** The instant the demo is seeded "as of" (tests pin it); defaults to now. */
  now?: Date;
  statusUrlBase?: string;
  /** Where the summary goes; defaults to standard output. */
  write?: (line: string) => void;
}

export interface SeedDemoResult {
  created: boolean;
  cases: number;
  people: number;
  staff: number;
  templates: number;
}

const channelWeights = {
  email: 40,
  '311': 20,
  web: 15,
  letter: 10,
  phone: 6,
  hotline: 4,
  walk_in: 3,
  fax: 1,
  social_media: 1,
} as const;
type DemoChannel = keyof typeof channelWeights;

const languageWeights = {
  en: 70,
  es: 12,
  zh: 5,
  ru: 3,
  bn: 2,
  ht: 2,
  ko: 1.5,
  ar: 1.2,
  ur: 1.2,
  fr: 1.2,
  pl: 0.9,
} as const;
type Language = keyof typeof languageWeights;

const languageNames: Record<Language, string> = {
  en: 'English',
  es: 'Spanish',
  zh: 'Chinese',
  ru: 'Russian',
  bn: 'Bengali',
  ht: 'Haitian Creole',
  ko: 'Korean',
  ar: 'Arabic',
  ur: 'Urdu',
  fr: 'French',
  pl: 'Polish',
};

const writerWeights = { constituent: 95.6, representative: 1.4, elected_official: 1.5, advocate: 1.0, media: 0.5 };

const baseSubjectWeights: Record<string, number> = {
  SNAP: 14,
  CASH: 10,
  MEDICAID: 10,
  HOUSING: 9,
  SHELTER: 3,
  'SHELTER.CONDITIONS': 6,
  'SHELTER.PLACEMENT': 4,
  'SHELTER.TRANSFER': 3,
  'SHELTER.SAFETY': 2,
  EVICTION: 7,
  HOMECARE: 4,
  HEAT: 3,
  ID: 5,
  HIV: 2,
  DV: 0.6,
  STAFF: 3,
  OTHER: 5,
  NONE: 3,
};

// Heating complaints follow the heating season (October to May in New York City).
const heatSeason = [0, 5, 5, 3.5, 1.2, 0.4, 0.15, 0.15, 0.15, 0.4, 1.5, 3.5, 5];

// Facilities that had a bad stretch: [facility index, first day ago, last day ago, multiplier].
const facilitySpikes: [number, number, number, number][] = [
  [0, 95, 70, 8],
  [1, 230, 205, 6],
  [2, 35, 20, 7],
];

interface PersonDraft {
  id: number;
  firstName: string;
  lastName: string;
  kind: WriterType;
  organisation: string | null;
  language: Language;
  email: string | null;
  phone: string | null;
  address: string | null;
  createdAt: Date;
}

type TemplateRef = DemoTemplateRef;

interface DemoContext {
  agencyId: number;
  agencyName: string;
  timeZone: string;
  calendar: BusinessCalendar;
  prefix: string;
  now: Date;
  statusUrlBase: string;
  /** The agency's configuration as every intake reads it, for the intake decision. */
  setup: IntakeConfiguration;
  /** The configured channel a case of each channel type comes through (the first active one, as at intake). */
  channelSlugs: Map<string, string>;
  unitIds: Map<string, number>;
  subjectNames: Map<string, string>;
  staffByUnit: Map<number, { id: number; name: string }[]>;
  triageStaff: { id: number; name: string }[];
  templates: Map<string, TemplateRef>;
}

/** How many steps come before the first case: the shared password hash, the staff, the templates. */
const SETUP_STEPS = 3;

/** Loads the demo office into agency `main` unless it is already there; prints what it did. */
export async function seedDemo(db: Db, options: SeedDemoOptions): Promise<SeedDemoResult> {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const started = Date.now();
  const agency = await agencyForDemo(db, 'main');
  if (!agency) throw new Error('Agency "main" does not exist yet; start the server or run `civicdesk migrate` first.');
  if (agency.settings.demo) {
    write('The demo data is already loaded in agency "main"; nothing was added.');
    return { created: false, cases: 0, people: 0, staff: 0, templates: 0 };
  }
  // The bar covers the whole run: the shared password, the staff, the templates, each case, the commit.
  const total = SETUP_STEPS + options.cases + 1;
  const bar = options.progress
    ? new cliProgress.SingleBar(
        {
          format: 'demo {bar} {percentage}% | {stage} | {eta_formatted} left',
          etaBuffer: 50,
          stream: process.stderr,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  const step = (done: number, stage: string) => {
    bar?.update(done, { stage });
    options.onProgress?.(done, total, stage);
  };
  bar?.start(total, 0, { stage: 'staff password' });
  options.onProgress?.(0, total, 'staff password');
  let result: Omit<SeedDemoResult, 'created'> | null;
  try {
    result = await seedDemoSteps(db, options, agency.id, step);
    if (result) step(total, 'done');
  } finally {
    bar?.stop();
  }
  if (!result) {
    write('The demo data is already loaded in agency "main"; nothing was added.');
    return { created: false, cases: 0, people: 0, staff: 0, templates: 0 };
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  write(
    `Loaded the demo office in ${seconds} s: ${result.cases} cases, ${result.people} people, ` +
      `${result.staff} staff, ${result.templates} translated templates.`,
  );
  write(`Staff sign in as firstname.lastname@${DEMO_STAFF_DOMAIN} with the password: ${DEMO_PASSWORD}`);
  write(`  eleanor.whitfield@${DEMO_STAFF_DOMAIN} (administrator), denise.okafor@${DEMO_STAFF_DOMAIN} (supervisor),`);
  write(`  luis.ortega@${DEMO_STAFF_DOMAIN} (caseworker)`);
  return { created: true, ...result };
}

/** The demo's rows in one transaction, step by step; null when another run loaded them meanwhile. */
async function seedDemoSteps(
  db: Db,
  options: SeedDemoOptions,
  agencyId: number,
  step: (done: number, stage: string) => void,
): Promise<Omit<SeedDemoResult, 'created'> | null> {
  // argon2 is deliberately slow: one hash, shared by every demo account.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  step(1, 'staff accounts');

  return db.transaction().execute(async (tx) => {
    const locked = await lockAgencyForDemo(tx, agencyId);
    if (locked.settings.demo) return null; // loaded meanwhile by another run
    const now = options.now ?? new Date();
    const random = new SeededRandom(options.seed ?? DEMO_SEED);
    const staff = await insertStaff(tx, locked.id, passwordHash);
    step(2, 'translated templates');
    const templates = await insertTemplates(tx, locked.id);
    step(SETUP_STEPS, `cases 0/${options.cases}`);
    const ctx = await demoContext(
      tx,
      locked,
      now,
      options.statusUrlBase ?? 'http://localhost:3000',
      staff,
      templates.refs,
    );
    const counts = await insertCases(tx, ctx, random, options.cases, (done) =>
      step(SETUP_STEPS + done, `cases ${done}/${options.cases}`),
    );
    step(SETUP_STEPS + options.cases, 'saving');
    // The call centre's records, from a random stream of their own so the cases stay as they were.
    await insertCallCentre(tx, ctx, new SeededRandom((options.seed ?? DEMO_SEED) + 1), options.cases);
    const marker = {
      loadedAt: now.toISOString(),
      cases: counts.cases,
      seed: options.seed ?? DEMO_SEED,
      staffDomain: DEMO_STAFF_DOMAIN,
    };
    await markDemoLoaded(tx, locked.id, marker);
    return {
      cases: counts.cases,
      people: counts.people,
      staff: staff.length,
      templates: templates.created,
    };
  });
}

// Every UTC offset is a multiple of 15 minutes, so all instants of one quarter hour share a local date; caching
// by quarter hour spares Intl most of the work for a hundred thousand dates.
const QUARTER_HOUR = 15 * 60_000;
const localDates = new Map<string, string>();
function localDate(instant: Date, timeZone: string): string {
  const key = `${timeZone}|${Math.floor(instant.getTime() / QUARTER_HOUR)}`;
  let date = localDates.get(key);
  if (date === undefined) {
    date = domainLocalDate(instant, timeZone);
    if (localDates.size > 200_000) localDates.clear();
    localDates.set(key, date);
  }
  return date;
}

/** The email address of a demo staff member. */
export function demoStaffEmail(name: string): string {
  return `${asciiSlug(name, '.')}@${DEMO_STAFF_DOMAIN}`;
}

function asciiSlug(text: string, separator: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^\\${separator}+|\\${separator}+$`, 'g'), '');
}

interface StaffRow {
  id: number;
  name: string;
  role: string;
  units: string[];
}

async function insertStaff(tx: Db, agencyId: number, passwordHash: string): Promise<StaffRow[]> {
  const accounts = demoStaff.map((s) => ({ ...s, email: demoStaffEmail(s.name) }));
  const idByEmail = await insertDemoStaff(tx, agencyId, accounts, passwordHash);
  return accounts
    .filter((s) => idByEmail.has(s.email))
    .map((s) => ({ id: idByEmail.get(s.email)!, name: s.name, role: s.role, units: s.units }));
}

async function insertTemplates(tx: Db, agencyId: number): Promise<{ created: number; refs: Map<string, TemplateRef> }> {
  const drafts = DEMO_TRANSLATION_LANGUAGES.flatMap((language) =>
    starterTemplates.map((t) => {
      const key = `${t.code}/${t.channel}` as TranslatedTemplateKey;
      return {
        language,
        code: t.code,
        name: t.name,
        channel: t.channel,
        responseKind: t.responseKind,
        text: templateTranslations[language][key],
      };
    }),
  );
  return insertDemoTemplates(tx, agencyId, drafts);
}

async function demoContext(
  tx: Db,
  agency: { id: number; name: string; time_zone: string; calendar: BusinessCalendar; tracking_prefix: string },
  now: Date,
  statusUrlBase: string,
  staff: StaffRow[],
  templates: Map<string, TemplateRef>,
): Promise<DemoContext> {
  const setup = await intakeConfiguration(tx, agency.id);
  const unitIds = new Map([...setup.units].map(([code, unit]) => [code, unit.id]));
  const channelSlugs = new Map<string, string>();
  for (const channel of setup.channels) {
    if (channel.active && !channelSlugs.has(channel.type)) channelSlugs.set(channel.type, channel.slug);
  }
  const staffByUnit = new Map<number, { id: number; name: string }[]>();
  for (const member of staff) {
    if (member.role !== 'caseworker' && member.role !== 'supervisor') continue;
    for (const code of member.units) {
      const id = unitIds.get(code);
      if (id === undefined) continue;
      const list = staffByUnit.get(id) ?? [];
      // Caseworkers carry the load; supervisors answer only now and then (listed once, caseworkers twice).
      list.push({ id: member.id, name: member.name });
      if (member.role === 'caseworker') list.push({ id: member.id, name: member.name });
      staffByUnit.set(id, list);
    }
  }
  const triage = staffByUnit.get(unitIds.get('OCS') ?? -1) ?? staff.map((s) => ({ id: s.id, name: s.name }));
  return {
    agencyId: agency.id,
    agencyName: agency.name,
    timeZone: agency.time_zone,
    calendar: agency.calendar,
    prefix: agency.tracking_prefix,
    now,
    statusUrlBase,
    setup,
    channelSlugs,
    unitIds,
    subjectNames: new Map([...setup.subjects].map(([code, subject]) => [code, subject.name])),
    staffByUnit,
    triageStaff: triage.length ? triage : [{ id: 0, name: 'Constituent Services' }],
    templates,
  };
}

/** How many cases arrive on each local day of the span: weekdays busier, a winter bump, slow growth. */
function casesPerDay(ctx: DemoContext, total: number): { date: string; count: number }[] {
  const today = localDate(ctx.now, ctx.timeZone);
  const holidays = new Set(ctx.calendar.holidays.map((h) => h.date));
  const days: { date: string; weight: number }[] = [];
  for (let ago = SPAN_DAYS; ago >= 1; ago--) {
    const date = addLocalDays(today, -ago);
    const weekday = weekdayOf(date);
    const month = Number(date.slice(5, 7));
    let weight = weekday === 0 ? 0.25 : weekday === 6 ? 0.35 : weekday === 1 ? 1.25 : 1;
    if (holidays.has(date)) weight *= 0.4;
    if (month === 12 || month <= 2) weight *= 1.15;
    weight *= 0.9 + (0.2 * (SPAN_DAYS - ago)) / SPAN_DAYS;
    days.push({ date, weight });
  }
  const sum = days.reduce((s, d) => s + d.weight, 0);
  // Largest remainder, so the counts add up to exactly `total` and never depend on floating-point order.
  const exact = days.map((d) => (d.weight / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((s, c) => s + c, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k]!.i]! += 1;
  return days.map((d, i) => ({ date: d.date, count: counts[i]! }));
}

function subjectFor(random: SeededRandom, month: number, daysAgo: number): string {
  const weights: Record<string, number> = { ...baseSubjectWeights };
  weights.HEAT = weights.HEAT! * heatSeason[month]!;
  for (const [, from, to, factor] of facilitySpikes) {
    if (daysAgo <= from && daysAgo >= to)
      weights['SHELTER.CONDITIONS'] = weights['SHELTER.CONDITIONS']! * (1 + factor / 4);
  }
  return random.weighted(weights);
}

function facilityFor(random: SeededRandom, daysAgo: number): string {
  const weights: Record<string, number> = {};
  facilities.forEach((name, index) => (weights[name] = index < 6 ? 2 : 1));
  for (const [index, from, to, factor] of facilitySpikes) {
    if (daysAgo <= from && daysAgo >= to) weights[facilities[index]!] = weights[facilities[index]!]! * factor * 3;
  }
  return random.weighted(weights);
}

function localTimeFor(random: SeededRandom, channel: DemoChannel): string {
  let minutes: number;
  if (channel === 'phone' || channel === 'hotline' || channel === 'walk_in') {
    minutes = random.int(9 * 60, 16 * 60 + 55);
  } else if (random.chance(0.75)) {
    minutes = random.int(8 * 60, 18 * 60);
  } else {
    minutes = random.int(0, 24 * 60 - 1);
  }
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function phoneNumber(random: SeededRandom): string {
  const area = random.pick(['212', '718', '347', '646', '917', '929']);
  // 555 numbers are not assigned to subscribers, so no real person is ever called.
  return `(${area}) 555-${String(random.int(0, 9999)).padStart(4, '0')}`;
}

interface CaseDraft {
  id: number;
  trackingNumber: string;
  channel: DemoChannel;
  subject: string | null;
  description: string;
  title: string | null;
  receivedAt: Date;
  language: Language;
  writerType: WriterType;
  person: PersonDraft;
  onBehalfOf: PersonDraft | null;
  facility: string | null;
}

/** Generates and inserts the cases day by day, BATCH at a time; returns how many cases and new people. */
async function insertCases(
  tx: Db,
  ctx: DemoContext,
  random: SeededRandom,
  total: number,
  onProgress: (done: number) => void,
): Promise<{ cases: number; people: number }> {
  if (total === 0) return { cases: 0, people: 0 };
  const days = casesPerDay(ctx, total);
  const nextNumber = await reserveTrackingNumbers(tx, ctx, days);
  const pool = new PersonPool(random, ctx);
  let pending: CaseDraft[] = [];
  let done = 0;
  let people = 0;
  const flush = async () => {
    if (!pending.length) return;
    const newPeople = pool.takeNew();
    people += newPeople.length;
    await writeBatch(tx, ctx, random, pending, newPeople);
    done += pending.length;
    pending = [];
    onProgress(done);
  };
  for (const day of days) {
    const daysAgo = Math.round((ctx.now.getTime() - zonedDateTime(day.date, '12:00', ctx.timeZone).getTime()) / DAY);
    const month = Number(day.date.slice(5, 7));
    const drafts: { channel: DemoChannel; time: string }[] = [];
    for (let i = 0; i < day.count; i++) {
      const channel = random.weighted(channelWeights);
      drafts.push({ channel, time: localTimeFor(random, channel) });
    }
    drafts.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
    for (const draft of drafts) {
      const receivedAt = zonedDateTime(day.date, draft.time, ctx.timeZone);
      const year = Number(day.date.slice(0, 4));
      const writerType = random.weighted(writerWeights) as WriterType;
      const language: Language =
        writerType === 'constituent' || writerType === 'representative' ? random.weighted(languageWeights) : 'en';
      const subjectCode = subjectFor(random, month, daysAgo);
      const subject = subjectCode === 'NONE' ? null : subjectCode;
      const facility =
        subject?.startsWith('SHELTER') && subject !== 'SHELTER.PLACEMENT' ? facilityFor(random, daysAgo) : null;
      const person = pool.personFor(writerType, language, draft.channel, receivedAt);
      const onBehalfOf =
        writerType === 'elected_official' || writerType === 'representative'
          ? pool.newPerson('constituent', random.weighted(languageWeights), 'letter', receivedAt)
          : null;
      const description = describe(random, ctx, subject, facility, writerType, language);
      pending.push({
        id: 0,
        trackingNumber: nextNumber(year),
        channel: draft.channel,
        subject,
        description,
        title:
          draft.channel === 'email' || draft.channel === 'web'
            ? `${ctx.subjectNames.get(subject ?? '') ?? 'Question'}: ${description.split(/[.!?]/)[0]!.slice(0, 80)}`
            : null,
        receivedAt,
        language,
        writerType,
        person,
        onBehalfOf,
        facility,
      });
      if (pending.length >= BATCH) await flush();
    }
  }
  await flush();
  return { cases: done, people };
}

/** Reserves each year's tracking numbers from the intake sequence (and moves it past them); returns a numberer. */
async function reserveTrackingNumbers(tx: Db, ctx: DemoContext, days: { date: string; count: number }[]) {
  const perYear = new Map<number, number>();
  for (const day of days) {
    // A local date's year is the year of every instant on it in the agency's zone.
    const year = Number(day.date.slice(0, 4));
    perYear.set(year, (perYear.get(year) ?? 0) + day.count);
  }
  const next = new Map<number, number>();
  for (const [year, count] of perYear) {
    if (count === 0) continue;
    next.set(year, await reserveTrackingRange(tx, ctx.agencyId, year, count));
  }
  return (year: number) => {
    const n = next.get(year)!;
    next.set(year, n + 1);
    return `${ctx.prefix}-${year}-${String(n).padStart(6, '0')}`;
  };
}

function describe(
  random: SeededRandom,
  ctx: DemoContext,
  subject: string | null,
  facility: string | null,
  writerType: WriterType,
  language: Language,
): string {
  const place = random.pick(streets);
  const fill = (text: string) =>
    text
      .replace('{facility}', facility ?? random.pick(facilities))
      .replace('{street}', `${random.int(10, 2999)} ${place.street}, ${place.city}`);
  if (writerType === 'elected_official' || writerType === 'advocate' || writerType === 'media') {
    const topic = fill(random.pick(descriptionsBySubject[subject ?? 'OTHER']!))
      .replace(/^I am |^I |^My |^We /, (m) => (m === 'My ' ? 'their ' : m === 'We ' ? 'they ' : 'they '))
      .replace(/\.$/, '');
    const name = (ctx.subjectNames.get(subject ?? '') ?? 'a matter').toLowerCase();
    return random.pick(inquiryTexts[writerType]).replace('{topic}', `${name} (“${topic}”)`);
  }
  const text = fill(random.pick(descriptionsBySubject[subject ?? 'OTHER']!));
  return language === 'en' ? text : `${text} (Written in ${languageNames[language]}; intake summary in English.)`;
}

/** The people who write in: new ones, and earlier writers who write again. */
class PersonPool {
  private readonly byLanguage = new Map<Language, PersonDraft[]>();
  private readonly organisations = new Map<string, PersonDraft>();
  private fresh: PersonDraft[] = [];
  private emailCounter = 0;

  constructor(
    private readonly random: SeededRandom,
    private readonly ctx: DemoContext,
  ) {}

  personFor(kind: WriterType, language: Language, channel: DemoChannel, at: Date): PersonDraft {
    if (kind === 'elected_official') {
      const office = this.random.pick(electedOffices);
      return this.organisation(kind, office.organisation, office.first, office.last, at);
    }
    if (kind === 'advocate') {
      const group = this.random.pick(advocacyGroups);
      const names = namesByLanguage.en!;
      return this.organisation(kind, group, this.random.pick(names.first), this.random.pick(names.last), at);
    }
    if (kind === 'media') {
      const outlet = this.random.pick(mediaOutlets);
      const names = namesByLanguage.en!;
      return this.organisation(kind, outlet, this.random.pick(names.first), this.random.pick(names.last), at);
    }
    const earlier = this.byLanguage.get(language);
    // About one item in six comes from someone who wrote before (follow-ups, new problems, repeat complainants).
    if (kind === 'constituent' && earlier?.length && this.random.chance(0.17)) {
      // Recent writers are likelier to write again than people from a year ago.
      const index = Math.max(0, earlier.length - 1 - Math.floor(this.random.logNormal(40, 1.4)));
      return earlier[index]!;
    }
    return this.newPerson(kind, language, channel, at);
  }

  newPerson(kind: WriterType, language: Language, channel: DemoChannel, at: Date): PersonDraft {
    const names = namesByLanguage[language] ?? namesByLanguage.en!;
    const firstName = this.random.pick(names.first);
    const lastName = this.random.pick(names.last);
    const wantsEmail = { email: 1, web: 0.9, '311': 0.6, social_media: 0.8 }[channel as string] ?? 0.3;
    const wantsPhone = channel === 'phone' || channel === 'hotline' ? 1 : channel === 'walk_in' ? 0.8 : 0.5;
    const place = this.random.pick(streets);
    const person: PersonDraft = {
      id: 0,
      firstName,
      lastName,
      kind,
      organisation: null,
      language,
      email: this.random.chance(wantsEmail)
        ? `${asciiSlug(firstName, '')}.${asciiSlug(lastName, '')}${++this.emailCounter}@${this.random.pick([
            'example.com',
            'example.org',
            'example.net',
          ])}`
        : null,
      phone: this.random.chance(wantsPhone) ? phoneNumber(this.random) : null,
      address:
        channel === 'letter' || this.random.chance(0.1)
          ? `${this.random.int(10, 2999)} ${place.street}, Apt ${this.random.int(1, 12)}${this.random.pick(['A', 'B', 'C', 'D', 'F'])}, ${place.city}, NY ${place.zip}`
          : null,
      createdAt: at,
    };
    if (!person.email && !person.phone && !person.address) person.phone = phoneNumber(this.random);
    this.fresh.push(person);
    if (kind === 'constituent') {
      const list = this.byLanguage.get(language) ?? [];
      list.push(person);
      if (list.length > 50_000) list.splice(0, 10_000);
      this.byLanguage.set(language, list);
    }
    return person;
  }

  private organisation(kind: WriterType, organisation: string, first: string, last: string, at: Date): PersonDraft {
    const known = this.organisations.get(`${kind}:${organisation}`);
    if (known) return known;
    const slug = asciiSlug(organisation, '-').slice(0, 40);
    const person: PersonDraft = {
      id: 0,
      firstName: first,
      lastName: last,
      kind,
      organisation,
      language: 'en',
      email: `${asciiSlug(last, '')}@${slug}.example.org`,
      phone: phoneNumber(this.random),
      address: null,
      createdAt: at,
    };
    this.organisations.set(`${kind}:${organisation}`, person);
    this.fresh.push(person);
    return person;
  }

  /** The people created since the last call (they still need ids and rows). */
  takeNew(): PersonDraft[] {
    const fresh = this.fresh;
    this.fresh = [];
    return fresh;
  }
}

/** A business-hours instant `days` after `from` (never before it), when staff would have acted. */
function staffTime(random: SeededRandom, ctx: DemoContext, from: Date, days: number): Date {
  const target = new Date(from.getTime() + days * DAY);
  let date = localDate(target, ctx.timeZone);
  while (weekdayOf(date) === 0 || weekdayOf(date) === 6) date = addLocalDays(date, 1);
  const minutes = random.int(9 * 60 + 15, 16 * 60 + 50);
  const at = zonedDateTime(
    date,
    `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
    ctx.timeZone,
  );
  return at.getTime() > from.getTime() ? at : new Date(from.getTime() + random.int(20, 240) * 60_000);
}

/** Days until the first response: most in 2–10 days, a few the same day, about one in eight late (past 14 days). */
function responseDelayDays(random: SeededRandom, writerType: WriterType): number {
  const draw = random.next();
  if (writerType === 'elected_official') return draw < 0.9 ? 1 + random.next() * 5 : 8 + random.next() * 10;
  if (draw < 0.08) return random.next() * 1.5;
  if (draw < 0.88) return 2 + random.next() * 8;
  return 15 + random.logNormal(5, 0.75);
}

/** A seeded case as the writer of new cases takes it: its whole life so far, id and tracking number given. */
type NewCaseRow = Partial<Record<NewCaseColumn, BatchValue>>;

async function writeBatch(
  tx: Db,
  ctx: DemoContext,
  random: SeededRandom,
  drafts: CaseDraft[],
  newPeople: PersonDraft[],
): Promise<void> {
  const [personIds, caseIds] = await Promise.all([
    allocateIds(tx, 'people', newPeople.length),
    allocateIds(tx, 'cases', drafts.length),
  ]);
  newPeople.forEach((p, i) => (p.id = personIds[i]!));
  drafts.forEach((d, i) => (d.id = caseIds[i]!));

  const peopleRows = newPeople.map((p) => ({
    agency_id: ctx.agencyId,
    id: p.id,
    first_name: p.firstName,
    last_name: p.lastName,
    kind: p.kind,
    organisation: p.organisation,
    preferred_language: p.language,
    interpretation_needed: p.language !== 'en',
    created_at: p.createdAt,
    updated_at: p.createdAt,
  }));
  const contacts = newPeople.flatMap((p) =>
    (
      [
        ['email', p.email],
        ['phone', p.phone],
        ['address', p.address],
      ] as [ContactKind, string | null][]
    )
      .filter((entry): entry is [ContactKind, string] => entry[1] !== null)
      .map(([kind, value]) => ({
        agency_id: ctx.agencyId,
        person_id: p.id,
        kind,
        value,
        normalized: normalizeContact(kind, value),
        label: kind === 'phone' ? (random.chance(0.7) ? 'mobile' : 'home') : kind === 'address' ? 'home' : null,
        is_primary: true,
        position: 0,
      })),
  );
  await insertDemoRows(tx, { people: peopleRows, contacts });

  const caseRows: NewCaseRow[] = [];
  const timeline = [];
  const audits = [];
  for (const d of drafts) {
    const facts = {
      channel: d.channel,
      channelSlug: ctx.channelSlugs.get(d.channel) ?? null,
      subject: d.subject,
      text: `${d.title ?? ''}\n${d.description}`,
      writerType: d.writerType,
      language: d.language,
      facility: d.facility,
    };
    let decision = decideIntake(ctx.setup, facts, { receivedAt: d.receivedAt });
    // Now and then a caseworker marks an item low when no rule has set its priority.
    if (decision.prioritySource === 'default' && random.chance(0.03)) {
      decision = decideIntake(ctx.setup, { ...facts, priority: 'low' }, { receivedAt: d.receivedAt });
    }
    const { priority, standard, firstResponseDueAt, resolutionDueAt } = decision;
    const deadlines = { firstResponseDueAt, resolutionDueAt };
    const unitId = decision.unitCode ? (ctx.unitIds.get(decision.unitCode) ?? null) : null;
    const workers = (unitId !== null && ctx.staffByUnit.get(unitId)) || ctx.triageStaff;
    const worker = random.pick(workers);
    const now = ctx.now.getTime();
    const ageDays = (now - d.receivedAt.getTime()) / DAY;

    // The case's life so far: answered (and usually closed) once its response delay has passed, else open. An
    // office works its backlog off, so only recent cases are stuck unanswered or left open after the answer; the
    // open cases are a steady few weeks' intake of which about one in ten is overdue (seed-demo-office.test.ts).
    const stuck = ageDays < STUCK_WINDOW_DAYS && random.chance(STUCK_SHARE);
    const answeredAt = stuck ? null : staffTime(random, ctx, d.receivedAt, responseDelayDays(random, d.writerType));
    const answered = answeredAt !== null && answeredAt.getTime() < now;
    let status: CaseStatus;
    let closedAt: Date | null = null;
    let assignee: { id: number; name: string } | null = null;
    let pausedAt: Date | null = null;
    if (answered) {
      assignee = worker;
      const closeAt = random.chance(0.7) ? answeredAt : staffTime(random, ctx, answeredAt, random.next() * 12);
      const leftOpen = ageDays < LEFT_OPEN_WINDOW_DAYS && random.chance(LEFT_OPEN_SHARE);
      if (!leftOpen && closeAt.getTime() < now) {
        status = 'closed';
        closedAt = closeAt;
      } else status = 'responded';
    } else if (unitId === null) {
      status = 'new';
    } else if (ageDays < 1 && random.chance(0.7)) {
      status = 'triaged';
    } else {
      const draw = random.next();
      if (draw < 0.2) status = 'triaged';
      else {
        assignee = worker;
        status = draw < 0.45 ? 'assigned' : draw < 0.88 ? 'in_progress' : 'waiting_on_constituent';
        if (status === 'waiting_on_constituent') {
          pausedAt = staffTime(random, ctx, d.receivedAt, Math.min(ageDays * random.next(), 5));
          if (pausedAt.getTime() >= now) {
            status = 'in_progress';
            pausedAt = null;
          }
        }
      }
    }
    const initialLevel = decision.escalationLevel;
    const overdue =
      status !== 'closed' &&
      ((deadlines.resolutionDueAt !== null && deadlines.resolutionDueAt.getTime() < now) ||
        (!answered && deadlines.firstResponseDueAt !== null && deadlines.firstResponseDueAt.getTime() < now));
    const escalationLevel = overdue ? Math.max(initialLevel, ageDays > 45 ? 2 : 1) : initialLevel;
    const escalatedAt = overdue ? (deadlines.firstResponseDueAt ?? deadlines.resolutionDueAt) : null;
    const restricted = d.subject === 'DV' && random.chance(0.85);
    const tags = [
      ...new Set([
        ...decision.tags,
        ...(d.facility && d.subject === 'SHELTER.CONDITIONS' && random.chance(0.2) ? ['site-visit'] : []),
      ]),
    ];
    const lastChange = closedAt ?? (answered ? answeredAt : null) ?? pausedAt ?? d.receivedAt;

    caseRows.push({
      agency_id: ctx.agencyId,
      id: d.id,
      tracking_number: d.trackingNumber,
      channel: d.channel,
      channel_slug: facts.channelSlug,
      subject_code: d.subject,
      description: d.description,
      received_at: d.receivedAt,
      status,
      priority,
      language: d.language,
      writer_type: d.writerType,
      person_id: d.person.id,
      on_behalf_of_person_id: d.onBehalfOf?.id ?? null,
      unit_id: unitId,
      assignee_id: assignee?.id || null,
      facility: d.facility,
      restricted,
      tags,
      service_standard_id: standard?.id ?? null,
      first_response_due_at: deadlines.firstResponseDueAt,
      resolution_due_at: deadlines.resolutionDueAt,
      first_response_at: answered ? answeredAt : null,
      closed_at: closedAt,
      paused_at: pausedAt,
      pauses: JSON.stringify(pausedAt ? [{ from: pausedAt.toISOString(), to: null }] : []),
      escalation_level: escalationLevel,
      escalated_at: escalationLevel > initialLevel ? escalatedAt : null,
      external_id: d.channel === '311' ? `311-${String(30_000_000 + d.id).padStart(8, '0')}` : null,
      created_at: d.receivedAt,
      updated_at: lastChange,
    });
    timeline.push({
      agency_id: ctx.agencyId,
      case_id: d.id,
      kind: 'inbound' as const,
      channel: d.channel,
      author_user_id: null,
      subject: d.title,
      body: d.description,
      language: d.language,
      substantive: false,
      created_at: d.receivedAt,
    });
    if (answered) timeline.push(outboundEntry(ctx, d, deadlines.firstResponseDueAt, worker, answeredAt));
    audits.push({
      agency_id: ctx.agencyId,
      at: d.receivedAt,
      actor_user_id: null,
      actor_label: 'demo seed',
      action: 'case.created',
      entity_type: 'case',
      entity_id: d.trackingNumber,
      case_id: d.id,
      changes: JSON.stringify(
        diffFields(null, {
          channel: d.channel,
          subject_code: d.subject,
          status: unitId ? 'triaged' : 'new',
          priority,
          unit: decision.unitCode,
          service_standard: standard?.name ?? null,
          first_response_due_at: deadlines.firstResponseDueAt,
          resolution_due_at: deadlines.resolutionDueAt,
          person_id: d.person.id,
          restricted,
        }),
      ),
      reason: decision.reason,
      request_id: null,
    });
  }
  for (let i = 0; i < caseRows.length; i += BATCH) {
    const chunk = caseRows.slice(i, i + BATCH) as [NewCaseRow, ...NewCaseRow[]];
    await insertCaseRows(ctx.agencyId, chunk, (row, column) => row[column]).execute(tx);
  }
  await insertDemoRows(tx, { timeline, audits });
}

/** The first response as the case's worker sent it: an approved template in the case's language where possible. */
function outboundEntry(
  ctx: DemoContext,
  d: CaseDraft,
  firstResponseDueAt: Date | null,
  worker: { id: number; name: string },
  at: Date,
) {
  const via = d.person.email ? 'email' : d.person.phone && d.channel !== 'letter' ? 'phone' : 'letter';
  const base = {
    agency_id: ctx.agencyId,
    case_id: d.id,
    kind: 'outbound' as const,
    channel: via,
    author_user_id: worker.id || null,
    substantive: true,
    created_at: at,
  };
  if (via === 'phone') {
    return {
      ...base,
      subject: 'Call back',
      body: `Called ${d.person.firstName} ${d.person.lastName} back${d.language === 'en' ? '' : ` with a ${languageNames[d.language]} interpreter`} and explained the next steps.`,
      language: d.language,
      delivery_status: 'completed',
      template_id: null,
      template_version: null,
    };
  }
  const code = via === 'email' ? 'general-response' : 'acknowledgement';
  const template = ctx.templates.get(`${code}/${via}/${d.language}`) ?? ctx.templates.get(`${code}/${via}/en`) ?? null;
  const language = ctx.templates.has(`${code}/${via}/${d.language}`) ? d.language : 'en';
  const values = {
    trackingNumber: d.trackingNumber,
    firstName: d.person.firstName,
    lastName: d.person.lastName,
    agencyName: ctx.agencyName,
    subjectName: ctx.subjectNames.get(d.subject ?? '') ?? '',
    firstResponseDue: firstResponseDueAt ? localDate(firstResponseDueAt, ctx.timeZone) : '',
    receivedDate: localDate(d.receivedAt, ctx.timeZone),
    statusUrl: `${ctx.statusUrlBase}/status/${encodeURIComponent(d.trackingNumber)}`,
    caseworkerName: worker.name,
    responseText: demoResponseText[language as DemoLanguage | 'en'],
  };
  return {
    ...base,
    subject: template ? mergeFields(template.subject, values).text : 'Your request',
    body: template ? mergeFields(template.body, values).text : demoResponseText.en,
    language,
    delivery_status: via === 'email' ? 'sent' : 'mailed',
    template_id: template?.id ?? null,
    template_version: template?.version ?? null,
  };
}

/** Calls to the hotline per case received on a weekday, and a floor so that a small demo still has calls. */
const CALLS_PER_CASE = 1.2;
const MIN_CALLS_PER_WEEKDAY = 4;
/** Interpretation requests per case received, and a floor per weekday. */
const INTERPRETATIONS_PER_CASE = 0.08;
const MIN_INTERPRETATIONS_PER_WEEKDAY = 1;

/** A whole number near `mean` (its fraction decided by chance), so small means still add up. */
function around(random: SeededRandom, mean: number): number {
  const whole = Math.floor(mean);
  return whole + (random.chance(mean - whole) ? 1 : 0);
}

/** A local weekday time between 09:00 and 16:59 on `date`, in whole seconds. */
function officeHoursInstant(random: SeededRandom, ctx: DemoContext, date: string): Date {
  const minutes = random.int(9 * 60, 16 * 60 + 59);
  const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return new Date(zonedDateTime(date, hhmm, ctx.timeZone).getTime() + random.int(0, 59) * 1000);
}

/**
 * The call centre's export as `civicdesk import calls` and `import interpretations` would have stored it: the
 * hotline's calls on weekdays (most answered within half a minute, a few abandoned, a handful transferred before
 * the queue) and the interpretation requests (completed within hours or a day or two, a few still open), over the
 * same thirteen months as the cases, through the import writers.
 */
async function insertCallCentre(tx: Db, ctx: DemoContext, random: SeededRandom, cases: number): Promise<void> {
  if (cases === 0) return;
  const today = localDate(ctx.now, ctx.timeZone);
  const perDay = cases / SPAN_DAYS;
  const calls: CallValues[] = [];
  const interpretations: InterpretationValues[] = [];
  const otherLanguages = Object.fromEntries(Object.entries(languageWeights).filter(([code]) => code !== 'en'));
  const agents = [...ctx.triageStaff.map((s) => s.name), ...[...ctx.staffByUnit.values()].flat().map((s) => s.name)];
  for (let ago = SPAN_DAYS; ago >= 1; ago--) {
    const date = addLocalDays(today, -ago);
    const weekday = weekdayOf(date);
    if (weekday === 0 || weekday === 6) continue;
    const callCount = Math.max(MIN_CALLS_PER_WEEKDAY, around(random, (perDay * CALLS_PER_CASE * 7) / 5));
    for (let i = 0; i < callCount; i++) {
      const offered = officeHoursInstant(random, ctx, date);
      const draw = random.next();
      const at = (seconds: number) => new Date(offered.getTime() + Math.round(seconds) * 1000).toISOString();
      const language = random.chance(0.25) ? random.weighted(otherLanguages) : 'en';
      let answered: string | null = null;
      let abandoned: string | null = null;
      let ended: string | null = null;
      if (draw < 0.9) {
        // Most calls wait a few seconds; a busy Monday morning now and then makes someone wait minutes.
        const wait = Math.min(900, random.logNormal(language === 'en' ? 12 : 25, 0.9));
        answered = at(wait);
        ended = at(wait + 60 + random.logNormal(240, 0.7));
      } else if (draw < 0.98) {
        abandoned = at(5 + random.logNormal(60, 0.8));
        ended = abandoned;
      }
      const sequence = String(calls.length + 1).padStart(7, '0');
      calls.push({
        call_id: `DEMO-${date.replaceAll('-', '')}-${sequence}`,
        queue: language === 'en' ? 'hotline' : 'hotline-language-line',
        offered_at: offered.toISOString(),
        answered_at: answered,
        abandoned_at: abandoned,
        ended_at: ended,
        agent: answered ? random.pick(agents) : null,
        language,
        row_hash: `demo-call-${sequence}`,
      });
    }
    const requestCount = Math.max(MIN_INTERPRETATIONS_PER_WEEKDAY, around(random, perDay * INTERPRETATIONS_PER_CASE));
    for (let i = 0; i < requestCount; i++) {
      const requested = officeHoursInstant(random, ctx, date);
      const hours = random.chance(0.7) ? random.next() * 4 : 18 + random.next() * 48;
      const completed = new Date(requested.getTime() + Math.round(hours * 3_600_000));
      interpretations.push({
        requested_at: requested.toISOString(),
        language: random.weighted(otherLanguages),
        mode: random.weighted({ telephone: 70, video: 15, 'in person': 10, written: 5 }),
        completed_at: completed.getTime() < ctx.now.getTime() && !random.chance(0.03) ? completed.toISOString() : null,
        row_hash: `demo-interpretation-${interpretations.length + 1}`,
      });
    }
  }
  const runs = [
    { kind: 'calls' as const, fileName: 'demo call-centre calls.csv' },
    { kind: 'interpretations' as const, fileName: 'demo interpretation requests.csv' },
  ];
  const runIds: number[] = [];
  for (const run of runs) {
    const options = { kind: run.kind, fileName: run.fileName, actorLabel: 'demo seed', options: {} };
    runIds.push(await startImportRun(tx, ctx.agencyId, options));
  }
  const [callRun, interpretationRun] = runIds;
  for (let i = 0; i < calls.length; i += CALL_BATCH) {
    await upsertCalls(tx, ctx.agencyId, callRun!, calls.slice(i, i + CALL_BATCH));
  }
  for (let i = 0; i < interpretations.length; i += CALL_BATCH) {
    await insertInterpretationRequests(tx, ctx.agencyId, interpretationRun!, interpretations.slice(i, i + CALL_BATCH));
  }
  await finishImportRun(tx, ctx.agencyId, callRun!, 'completed', { created: calls.length });
  await finishImportRun(tx, ctx.agencyId, interpretationRun!, 'completed', { created: interpretations.length });
}

const CALL_BATCH = 2_000;
