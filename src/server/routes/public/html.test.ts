import { describe, expect, it } from 'vitest';
import { attr, escapeHtml, html } from './html.ts';

describe('html escaping', () => {
  it('escapes every interpolated value, in text and in attributes', () => {
    const name = `<script>alert("x")</script> O'Brien & Co`;
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Brien &amp; Co">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Brien &amp; Co</p>',
    );
  });

  it('passes nested fragments and arrays through, drops null, undefined and false', () => {
    const items = ['a<', 'b'].map((x) => html`<li>${x}</li>`);
    // prettier-ignore
    expect(html`<ul>${items}${null}${undefined}${false}</ul>`.value).toBe('<ul><li>a&lt;</li><li>b</li></ul>');
    // prettier-ignore
    expect(html`<input${attr('checked', true)}${attr('required', false)}>`.value).toBe('<input checked>');
  });

  it('keeps right-to-left text and emoji as they are', () => {
    expect(escapeHtml('مرحبا 👋🏽 שלום')).toBe('مرحبا 👋🏽 שלום');
  });
});
