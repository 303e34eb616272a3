// Open311 XML: escaping of markup characters, characters XML cannot carry, and list item names per the spec.
import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import fc from 'fast-check';
import { escapeXml, formatOfUrl, toXml } from './open311-render.ts';

describe('toXml', () => {
  it('names list items as the spec does', () => {
    expect(toXml('services', [{ service_code: 'A' }])).toContain(
      '<services><service><service_code>A</service_code></service></services>',
    );
    expect(toXml('service_requests', [{ lat: null }])).toContain(
      '<service_requests><request><lat/></request></service_requests>',
    );
    expect(toXml('errors', [{ code: 400, description: 'x' }])).toContain('<errors><error><code>400</code>');
  });

  it('escapes markup and drops characters XML cannot hold; any string survives a real parser', () => {
    expect(escapeXml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&apos;');
    expect(escapeXml('a\u0000b\u001Fc\uD800d')).toBe('abcd');
    const parser = new XMLParser({ parseTagValue: false, trimValues: false });
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (text) => {
        const xml = toXml('request', { description: text });
        expect(XMLValidator.validate(xml)).toBe(true);
        const parsed = (parser.parse(xml) as { request: { description: string } }).request.description;
        expect(parsed).toBe(
          escapeXml(text)
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&quot;/g, '"')
            .replace(/&apos;/g, "'")
            .replace(/&amp;/g, '&'),
        );
      }),
    );
  });
});

describe('formatOfUrl', () => {
  it('reads the suffix of the path, not of the query', () => {
    expect(formatOfUrl('/open311/v2/requests.json?x=1')).toBe('json');
    expect(formatOfUrl('/open311/v2/requests.xml?service_code=a.json')).toBe('xml');
    expect(formatOfUrl('/open311/v2/nowhere')).toBe('xml');
  });
});
