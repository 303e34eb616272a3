// The start-up warm-up of the letter renderer: it starts the shared Chromium (so the first letter finds it running)
// and never fails the start of the server when Chromium is missing.
import { afterAll, describe, expect, it } from 'vitest';
import { closeRenderer, countPdfPages, renderPdf, warmRenderer } from './pdf-renderer.ts';
import { warmUpLettersHtml } from './letter-html.ts';

const CHROMIUM = process.env.CIVICDESK_CHROMIUM_PATH ?? '/usr/bin/chromium';

afterAll(() => closeRenderer());

describe('warmRenderer', () => {
  it('answers null, without throwing, when Chromium is not there', async () => {
    expect(await warmRenderer('/nonexistent/chromium', warmUpLettersHtml())).toBeNull();
    await expect(renderPdf('<p>x</p>', '/nonexistent/chromium')).rejects.toThrow(/Chromium was not found/);
  });

  it('renders the warm-up letter (address page and letter) on a started browser that later letters reuse', async () => {
    expect(await warmRenderer(CHROMIUM, warmUpLettersHtml())).toEqual(expect.any(Number));
    const pdf = await renderPdf(warmUpLettersHtml(), CHROMIUM);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(countPdfPages(pdf)).toBe(2);
  });
});
