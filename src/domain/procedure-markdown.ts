// Procedures are written in Markdown and shown as HTML in the console. Raw HTML in the text is shown as text (html
// off), links to javascript:/vbscript:/data: are not made (markdown-it's own link check), and every link opens in a
// new tab without handing over the opener. Pure: the same text always gives the same HTML.
import MarkdownIt from 'markdown-it';

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const defaultLinkOpen =
  markdown.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));

markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet('target', '_blank');
  tokens[idx]!.attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** A procedure's Markdown as safe HTML. */
export function renderProcedureMarkdown(text: string): string {
  return markdown.render(text);
}
