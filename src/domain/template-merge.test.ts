import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KNOWN_MERGE_FIELDS, mergeFields, templateFieldNames, unknownMergeFields } from './template-merge.ts';

describe('templateFieldNames', () => {
  it('lists each field once in order of first use, tolerating spaces inside the braces', () => {
    expect(templateFieldNames('Dear {{firstName}} {{ lastName }}, {{firstName}} again; {{ bad name}}')).toEqual([
      'firstName',
      'lastName',
    ]);
  });

  it('finds nothing in text without placeholders', () => {
    expect(templateFieldNames('{ single } {{}} {{1abc}} plain')).toEqual([]);
  });
});

describe('unknownMergeFields', () => {
  it('names only the fields civicdesk does not fill', () => {
    expect(unknownMergeFields('{{trackingNumber}} {{favouriteColour}} {{receivedDate}}')).toEqual(['favouriteColour']);
  });
});

describe('mergeFields', () => {
  it('replaces known fields and marks the ones without a value', () => {
    const result = mergeFields('Dear {{firstName}} {{lastName}}, case {{trackingNumber}}.', {
      firstName: 'Ana',
      trackingNumber: 'OCS-2025-000001',
    });
    expect(result.text).toBe('Dear Ana [lastName], case OCS-2025-000001.');
    expect(result.unknownFields).toEqual(['lastName']);
  });

  it('does not expand braces that arrive inside a value', () => {
    const result = mergeFields('{{firstName}} / {{lastName}}', { firstName: '{{lastName}}', lastName: 'Ruiz' });
    expect(result.text).toBe('{{lastName}} / Ruiz');
  });

  it('ignores inherited properties such as constructor', () => {
    expect(mergeFields('{{constructor}} {{toString}}', {}).text).toBe('[constructor] [toString]');
  });

  it('never throws, whatever the text and values', () => {
    fc.assert(
      fc.property(fc.string(), fc.dictionary(fc.string(), fc.string()), (text, values) => {
        const result = mergeFields(text, values);
        expect(typeof result.text).toBe('string');
      }),
    );
  });

  it('reports fields whose value is empty: the gap a reader would see', () => {
    expect(
      mergeFields('sobre {{subjectName}}. Hola {{ firstName }} {{lastName}}', {
        subjectName: ' ',
        firstName: 'Ana',
        lastName: '',
      }),
    ).toEqual({
      text: 'sobre  . Hola Ana ',
      unknownFields: [],
      emptyFields: ['subjectName', 'lastName'],
    });
  });

  it('leaves text without braces unchanged', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes('{') && !s.includes('}')),
        fc.dictionary(fc.string(), fc.string()),
        (text, values) => {
          expect(mergeFields(text, values)).toEqual({ text, unknownFields: [], emptyFields: [] });
        },
      ),
    );
  });

  it('leaves no placeholder of a known field behind when every field has a value', () => {
    const field = fc.constantFrom(...KNOWN_MERGE_FIELDS);
    const piece = fc.oneof(
      fc.string().filter((s) => !s.includes('{')),
      field.map((name) => `{{${name}}}`),
    );
    fc.assert(
      fc.property(
        fc.array(piece),
        fc.string().filter((s) => !s.includes('{')),
        (pieces, value) => {
          const values = Object.fromEntries(KNOWN_MERGE_FIELDS.map((name) => [name, value]));
          const result = mergeFields(pieces.join(''), values);
          expect(result.unknownFields).toEqual([]);
          expect(templateFieldNames(result.text)).toEqual([]);
        },
      ),
    );
  });
});
