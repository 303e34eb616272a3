// `npx tsx bench/letter-pdf.ts`: how long a letter PDF takes — the first one of a process when Chromium must start,
// the next ones on the running browser, and the first one after the start-up warm-up main.ts runs. Each line is the
// median of 5 rounds; each round closes the browser first so its "first" really starts one.
import { SAMPLE_LETTERS } from '../src/server/channels/letters/sample-letters.ts';
import { lettersHtml, warmUpLettersHtml, type LetterDocument } from '../src/server/channels/letters/letter-html.ts';
import { closeRenderer, renderPdf, warmRenderer } from '../src/server/channels/letters/pdf-renderer.ts';
import { percentile } from './stats.ts';

const chromium = process.env.CIVICDESK_CHROMIUM_PATH ?? '/usr/bin/chromium';
const sample = SAMPLE_LETTERS[0]!;
const letter: LetterDocument = {
  trackingNumber: 'CD-2026-000001',
  language: sample.language,
  dir: 'ltr',
  date: '6 December 2026',
  referenceLabel: 'Tracking number',
  recipient: { name: `${sample.person.firstName} ${sample.person.lastName}`, addressLines: [sample.person.address] },
  subject: sample.subject,
  body: sample.body,
  signatureName: null,
  letterhead: {
    name: 'Office of Constituent Services',
    addressLines: ['1 Centre Street'],
    phone: '',
    web: '',
    logoDataUrl: null,
  },
};
const html = lettersHtml([letter], { addressPages: false });

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const cold: number[] = [];
const next: number[] = [];
const afterWarm: number[] = [];
for (let round = 0; round < 5; round += 1) {
  await closeRenderer();
  cold.push(await timed(() => renderPdf(html, chromium)));
  for (let i = 0; i < 3; i += 1) next.push(await timed(() => renderPdf(html, chromium)));
  await closeRenderer();
  await warmRenderer(chromium, warmUpLettersHtml());
  afterWarm.push(await timed(() => renderPdf(html, chromium)));
}
await closeRenderer();
const ms = (values: number[]) => `${Math.round(percentile(values, 50))} ms (max ${Math.round(Math.max(...values))})`;
process.stdout.write(
  `first PDF, Chromium not started: ${ms(cold)}\nnext PDFs: ${ms(next)}\nfirst PDF after the warm-up: ${ms(afterWarm)}\n`,
);
