// Intake payloads for the benchmarks: what POST /api/v1/cases receives from the public, drawn from the demo
// vocabulary with a seeded generator; about one writer in six has written before (same email).
import { SeededRandom } from '../src/server/demo/random.ts';
import { descriptionsBySubject, facilities, namesByLanguage, streets } from '../src/server/demo/vocabulary.ts';

export interface IntakeBody {
  channel: string;
  subject: string;
  description: string;
  title: string;
  facility?: string;
  language: string;
  person: { firstName: string; lastName: string; email: string; phone: string; language: string };
}

const subjects = Object.keys(descriptionsBySubject);
const languages = ['en', 'en', 'en', 'en', 'en', 'en', 'en', 'es', 'es', 'zh'];

/** An endless, deterministic stream of intake bodies; `tag` keeps emails of separate runs apart. */
export function intakeBodies(seed: number, tag: string): () => IntakeBody {
  const random = new SeededRandom(seed);
  const earlier: IntakeBody['person'][] = [];
  let n = 0;
  return () => {
    const language = random.pick(languages);
    const names = namesByLanguage[language]!;
    let person: IntakeBody['person'];
    if (earlier.length > 0 && random.chance(0.17)) person = random.pick(earlier);
    else {
      n += 1;
      person = {
        firstName: random.pick(names.first),
        lastName: random.pick(names.last),
        email: `bench.${tag}.${n}@example.com`,
        phone: `(718) 555-${String(random.int(0, 9999)).padStart(4, '0')}`,
        language,
      };
      if (earlier.length < 5000) earlier.push(person);
    }
    const subject = random.pick(subjects);
    const place = random.pick(streets);
    const facility = subject.startsWith('SHELTER') ? random.pick(facilities) : undefined;
    const description = random
      .pick(descriptionsBySubject[subject]!)
      .replace('{facility}', facility ?? random.pick(facilities))
      .replace('{street}', `${random.int(10, 2999)} ${place.street}, ${place.city}`);
    return {
      channel: random.pick(['email', 'email', 'web', '311', 'letter', 'phone']),
      subject,
      description,
      title: description.slice(0, 60),
      ...(facility ? { facility } : {}),
      language,
      person,
    };
  };
}
