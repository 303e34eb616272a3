// What the channels benchmark sends: Open311 POST requests as a city 311 system forwards them (form fields, a
// point or a street address, the reporter, attribute answers for the services that ask questions) and emails as
// constituents write them — both built on the intake payloads of intake-bodies.ts, seeded, and distinct enough
// that neither Open311's duplicate check nor email campaign detection takes them for the same text.
import { SeededRandom } from '../src/server/demo/random.ts';
import { facilities, streets } from '../src/server/demo/vocabulary.ts';
import { intakeBodies } from './intake-bodies.ts';

/** An Open311 attribute as GET services/{code}.json describes it. */
export interface Open311Attribute {
  code: string;
  datatype: string;
  required: boolean;
  variable: boolean;
  values?: { key: string; name: string }[];
}

/** A service of GET services.json with its attributes (empty without metadata). */
export interface Open311Service {
  code: string;
  attributes: Open311Attribute[];
}

/** Questions the benchmark's administrator gives a few services (PUT /api/v1/subjects/:code/questions). */
export const benchQuestions: Record<string, object[]> = {
  'SHELTER.CONDITIONS': [
    {
      code: 'CONDITION',
      description: 'What is wrong?',
      datatype: 'singlevaluelist',
      required: true,
      values: [
        { key: 'MOLD', name: 'Mold or leaks' },
        { key: 'HEAT', name: 'No heat or hot water' },
        { key: 'PESTS', name: 'Pests' },
        { key: 'ELEVATOR', name: 'Elevator out of service' },
        { key: 'FOOD', name: 'Meals' },
      ],
    },
    { code: 'FLOOR', description: 'Floor of the room', datatype: 'number' },
    { code: 'NOTICED', description: 'When did you first notice it?', datatype: 'datetime' },
  ],
  HEAT: [
    {
      code: 'HEAT_TYPE',
      description: 'What is missing?',
      datatype: 'singlevaluelist',
      required: true,
      values: [
        { key: 'NO_HEAT', name: 'No heat' },
        { key: 'NO_HOT_WATER', name: 'No hot water' },
        { key: 'BOTH', name: 'Neither heat nor hot water' },
      ],
    },
    { code: 'APARTMENT', description: 'Apartment number', datatype: 'string', required: true },
  ],
  HOUSING: [
    {
      code: 'ISSUES',
      description: 'Problems in the apartment',
      datatype: 'multivaluelist',
      values: [
        { key: 'LEAK', name: 'Leak' },
        { key: 'MOLD', name: 'Mold' },
        { key: 'LOCK', name: 'Broken lock' },
        { key: 'PAINT', name: 'Peeling paint' },
      ],
    },
    { code: 'HOUSEHOLD', description: 'People in the household', datatype: 'number' },
  ],
  SNAP: [{ code: 'CASE_NUMBER', description: 'Your benefits case number, if you have it', datatype: 'string' }],
};

const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October'];
const details = [
  'I called the helpline on {weekday} and waited on hold for an hour before the call dropped.',
  'A worker at the center told me on {weekday} to write to you instead.',
  'This has been going on since {month} and nobody has come to look at it.',
  'My neighbor on {street} has the same problem and also got no answer.',
  'I went to the office on {street} last {weekday} but they sent me home.',
  'I already sent the documents in {month}; please check that they were received.',
  'My children are missing school because of this and I am worried about my job.',
  'Please call me back in the afternoon, I work mornings near {street}.',
  'The letter I received in {month} did not explain what I should do next.',
  'I am asking for help because my landlord and the office each say the other is responsible.',
  'My mother is elderly and cannot climb the stairs, so this is urgent for us.',
  'I speak some English but would prefer someone who speaks my language.',
];

function detail(random: SeededRandom): string {
  const place = random.pick(streets);
  return random
    .pick(details)
    .replace('{weekday}', random.pick(weekdays))
    .replace('{month}', random.pick(months))
    .replace('{street}', place.street);
}

const pad = (n: number) => String(n).padStart(2, '0');

function answer(random: SeededRandom, attribute: Open311Attribute): string[] {
  const keys = (attribute.values ?? []).map((v) => v.key);
  switch (attribute.datatype) {
    case 'number':
      return [String(random.int(1, 12))];
    case 'datetime':
      return [`2026-${pad(random.int(1, 10))}-${pad(random.int(1, 28))}T${pad(random.int(7, 21))}:00:00-04:00`];
    case 'singlevaluelist':
      return [random.pick(keys)];
    case 'multivaluelist':
      return [...new Set([random.pick(keys), random.pick(keys)])];
    default:
      return [`${random.int(1, 30)}${random.pick(['A', 'B', 'C', 'D', 'F', 'R'])}`];
  }
}

/**
 * An endless stream of Open311 POST requests bodies (form-urlencoded) for the given services and key; the
 * subject of the intake payload picks the service when it is one.
 */
export function open311Bodies(seed: number, tag: string, apiKey: string, services: Open311Service[]): () => string {
  const random = new SeededRandom(seed * 7919 + 1);
  const next = intakeBodies(seed, tag);
  const byCode = new Map(services.map((s) => [s.code, s]));
  return () => {
    const intake = next();
    const service = byCode.get(intake.subject) ?? random.pick(services);
    const form = new URLSearchParams({ api_key: apiKey, service_code: service.code });
    form.set('description', random.chance(0.6) ? `${intake.description} ${detail(random)}` : intake.description);
    const place = random.pick(streets);
    if (random.chance(0.6)) {
      form.set('lat', (40.5 + random.next() * 0.4).toFixed(6));
      form.set('long', (-74.25 + random.next() * 0.55).toFixed(6));
    } else {
      form.set('address_string', `${random.int(10, 2999)} ${place.street}, ${place.city}, NY`);
      if (random.chance(0.7)) form.set('zipcode', place.zip);
    }
    if (random.chance(0.05)) {
      form.set('device_id', `bench-device-${random.int(1, 500)}`); // an anonymous report from the 311 app
    } else {
      form.set('first_name', intake.person.firstName);
      form.set('last_name', intake.person.lastName);
      if (random.chance(0.9)) form.set('email', intake.person.email);
      if (random.chance(0.5)) form.set('phone', intake.person.phone);
    }
    if (random.chance(0.1)) form.set('media_url', `https://311.example.org/media/${random.int(1, 10 ** 9)}.jpg`);
    for (const attribute of service.attributes) {
      if (!attribute.variable || (!attribute.required && random.chance(0.4))) continue;
      const values = answer(random, attribute);
      const key =
        attribute.datatype === 'multivaluelist' ? `attribute[${attribute.code}][]` : `attribute[${attribute.code}]`;
      for (const value of values) form.append(key, value);
    }
    return form.toString();
  };
}

/** One email as the benchmark sends it. */
export interface BenchEmail {
  from: { name: string; address: string };
  subject: string;
  text: string;
  html?: string;
}

const greetings = ['Hello,', 'Dear Sir or Madam,', 'To whom it may concern,', 'Good morning,', 'Hi,'];
const closings = ['Thank you,', 'Thank you for your help,', 'Sincerely,', 'Regards,', 'Please help.'];

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An endless stream of constituents' emails; about half carry an HTML part beside the text. */
export function benchEmails(seed: number, tag: string): () => BenchEmail {
  const random = new SeededRandom(seed * 7919 + 1);
  const next = intakeBodies(seed, tag);
  return () => {
    const intake = next();
    const name = `${intake.person.firstName} ${intake.person.lastName}`;
    const paragraphs = [intake.description, detail(random)];
    if (random.chance(0.4)) paragraphs.push(detail(random));
    if (random.chance(0.2)) paragraphs.push(`It concerns ${random.pick(facilities)}.`);
    const greeting = random.pick(greetings);
    const closing = random.pick(closings);
    const text = [greeting, '', ...paragraphs, '', closing, `-- `, name, intake.person.phone].join('\n');
    const subject = random.chance(0.7)
      ? intake.title.slice(0, intake.title.lastIndexOf(' ')).replace(/[.,;:]$/, '')
      : random.pick(['Need help', 'Complaint', 'Question about my case', 'Urgent', 'Please respond']);
    return {
      from: { name, address: intake.person.email },
      subject,
      text,
      ...(random.chance(0.5)
        ? {
            html: `<p>${escapeHtml(greeting)}</p>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}<p>${escapeHtml(closing)}<br>${escapeHtml(name)}</p>`,
          }
        : {}),
    };
  };
}
