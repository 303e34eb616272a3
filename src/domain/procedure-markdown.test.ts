import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { renderProcedureMarkdown } from './procedure-markdown.ts';

describe('procedure Markdown', () => {
  it.each([
    ['# Call script', '<h1>Call script</h1>'],
    ['**Ask** for the case number', '<strong>Ask</strong>'],
    ['1. Greet\n2. Verify', '<ol>'],
    ['[Policy](https://example.gov/p)', '<a href="https://example.gov/p" target="_blank" rel="noopener noreferrer">'],
  ])('renders %j', (text, html) => {
    expect(renderProcedureMarkdown(text)).toContain(html);
  });

  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[x](javascript:alert(1))',
    '[x](JAVASCRIPT:alert(1))',
    '<a href="javascript:alert(1)">x</a>',
    '[x](data:text/html;base64,PHNjcmlwdD4=)',
  ])('never lets %j through as markup', (text) => {
    const html = renderProcedureMarkdown(text);
    expect(html).not.toMatch(/<script|<img|href="(javascript|data):/i);
  });

  it('never produces a tag it was not asked for, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(renderProcedureMarkdown(text)).not.toMatch(/<(script|iframe|img|object|style)\b/i);
      }),
    );
  });
});
