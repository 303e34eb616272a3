// The portal's pages as server-rendered HTML: layout (html lang/dir, language switcher with each language's own
// name), the intake form with its error summary, the confirmation, the status page, the survey and the error
// pages. Every dynamic value goes through html`` and is escaped.
import { LANGUAGES } from '../../../shared/languages.ts';
import type { FormSubject } from '../../repositories/portal.ts';
import type { FormField, FormProblem } from '../../commands/portal/public-intake.ts';
import type { StatusView } from '../../commands/portal/public-status.ts';
import type { Translator, MessageKey } from '../../i18n/messages.ts';
import { attr, html, type SafeHtml } from './html.ts';

export interface LayoutOptions {
  t: Translator;
  title: string;
  agencyName: string | null;
  /** The address of this page in another language (the switcher's links). */
  hrefFor: (lang: string) => string;
  body: SafeHtml;
  hasErrors?: boolean;
}

/** A whole page. */
export function layout(o: LayoutOptions): string {
  const { t } = o;
  const title = `${o.hasErrors ? `${t.t('site.error_prefix')} ` : ''}${o.title}${o.agencyName ? ` – ${o.agencyName}` : ''}`;
  const languages = LANGUAGES.map(
    (l) =>
      html`<li>
        <a
          href="${o.hrefFor(l.code)}"
          lang="${l.code}"
          hreflang="${l.code}"
          ${attr('aria-current="true"', l.code === t.lang)}
          >${l.nativeName}</a
        >
      </li>`,
  );
  return html`<!doctype html>
    <html lang="${t.lang}" dir="${t.dir}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title}</title>
        <link rel="stylesheet" href="/public/assets/portal.css" />
      </head>
      <body>
        <a class="skip" href="#main">${t.t('site.skip')}</a>
        <header class="site-header">
          <div class="wrap">
            ${o.agencyName ? html`<p class="agency">${o.agencyName}</p>` : null}
            <nav aria-label="${t.t('site.languages')}">
              <ul class="languages">
                ${languages}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" class="wrap" tabindex="-1">${o.body}</main>
        <footer class="wrap"><p>${t.t('site.free_help')}</p></footer>
      </body>
    </html> `.value;
}

export interface FormValues {
  name: string;
  email: string;
  phone: string;
  language: string;
  subject: string;
  message: string;
  needs: string[];
  consent: boolean;
}

export interface FormPageOptions {
  t: Translator;
  agencyName: string;
  channelName: string;
  channelDescription: string | null;
  action: string;
  token: string;
  subjects: FormSubject[];
  /** Languages the channel offers first in the answer-language list. */
  channelLanguages: string[];
  values: FormValues;
  problems: FormProblem[];
  hadAttachment: boolean;
  maxMessageLength: number;
  maxAttachmentMb: number;
}

const FIELD_IDS: Record<FormField | 'form', string> = {
  name: 'f-name',
  email: 'f-email',
  phone: 'f-phone',
  language: 'f-language',
  subject: 'f-subject',
  message: 'f-message',
  attachment: 'f-attachment',
  consent: 'f-consent',
  satisfaction: 's-1',
  comment: 'f-comment',
  form: 'f-submit',
};

function problemText(t: Translator, p: FormProblem): string {
  const params = Object.fromEntries(
    Object.entries(p.params ?? {}).map(([k, v]) => [k, typeof v === 'number' ? t.number(v) : v]),
  );
  return t.t(p.key, params);
}

/** The list of problems at the top of a form, each linking to its field. */
function errorSummary(t: Translator, problems: FormProblem[], extra: string[] = []): SafeHtml | null {
  if (!problems.length) return null;
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
    <h2 id="error-summary-title">${t.t('form.errors_title')}</h2>
    <ul>
      ${problems.map((p) => html`<li><a href="#${FIELD_IDS[p.field]}">${problemText(t, p)}</a></li>`)}${extra.map((e) => html`<li>${e}</li>`)}
    </ul>
  </div>`;
}

function fieldError(t: Translator, problems: FormProblem[], field: FormField) {
  const problem = problems.find((p) => p.field === field);
  const id = `${FIELD_IDS[field]}-error`;
  return {
    invalid: Boolean(problem),
    id: problem ? id : null,
    markup: problem
      ? html`<span class="error-message" id="${id}"
          ><span class="visually-hidden">${t.t('site.error_prefix')} </span>${problemText(t, problem)}</span
        >`
      : null,
  };
}

function describedBy(...ids: (string | null)[]): SafeHtml {
  const list = ids.filter(Boolean).join(' ');
  return list ? html` aria-describedby="${list}"` : html``;
}

/** A message with HTML fragments for its placeholders (e.g. a tracking number isolated left to right). */
function tHtml(t: Translator, key: MessageKey, params: Record<string, SafeHtml>): SafeHtml {
  const parts = t.t(key).split(/(\{\w+\})/);
  return html`${parts.map((part) => (/^\{\w+\}$/.test(part) ? (params[part.slice(1, -1)] ?? part) : part))}`;
}

function ltr(value: string): SafeHtml {
  return html`<span dir="ltr">${value}</span>`;
}

function marker(t: Translator, required: boolean) {
  return html` <span class="marker">(${t.t(required ? 'site.required' : 'site.optional')})</span>`;
}

/** The intake form, with the values kept and each problem at the top and beside its field. */
export function formPage(o: FormPageOptions): SafeHtml {
  const { t, values, problems } = o;
  const err = (f: FormField) => fieldError(t, problems, f);
  const name = err('name');
  const email = err('email');
  const phone = err('phone');
  const language = err('language');
  const subject = err('subject');
  const message = err('message');
  const attachment = err('attachment');
  const consent = err('consent');
  const languageOrder = [
    ...o.channelLanguages.flatMap((code) => LANGUAGES.filter((l) => l.code === code)),
    ...LANGUAGES.filter((l) => !o.channelLanguages.includes(l.code)),
  ];
  const needs: [string, MessageKey][] = [
    ['interpreter', 'form.need_interpreter'],
    ['sign_language', 'form.need_sign_language'],
    ['large_print', 'form.need_large_print'],
    ['screen_reader', 'form.need_screen_reader'],
    ['homebound', 'form.need_homebound'],
  ];
  const reattach = o.hadAttachment && problems.length ? [t.t('error.attachment_again')] : [];
  return html`<h1>${t.t('form.title', { agency: o.agencyName })}</h1>
    <p class="lead">${t.t('form.intro')}</p>
    ${o.channelDescription ? html`<p dir="auto">${o.channelDescription}</p>` : null}
    ${errorSummary(t, problems, reattach)}
    <form method="post" action="${o.action}" enctype="multipart/form-data" novalidate>
      <input type="hidden" name="token" value="${o.token}" />
      <input type="hidden" name="lang" value="${t.lang}" />
      <div class="field${name.invalid ? ' field-error' : ''}">
        <label for="f-name">${t.t('form.name')}${marker(t, true)}</label>
        ${name.markup}
        <input
          type="text"
          id="f-name"
          name="name"
          value="${values.name}"
          autocomplete="name"
          dir="auto"
          maxlength="200"
          required${attr('aria-invalid="true"', name.invalid)}${describedBy(name.id)}
        />
      </div>
      <fieldset aria-describedby="f-contact-hint">
        <legend>${t.t('form.contact_legend')}</legend>
        <span class="hint" id="f-contact-hint">${t.t('form.contact_hint')}</span>
        <div class="field${email.invalid ? ' field-error' : ''}">
          <label for="f-email">${t.t('form.email')}</label>
          ${email.markup}
          <input
            type="email"
            id="f-email"
            name="email"
            value="${values.email}"
            autocomplete="email"
            inputmode="email"
            dir="ltr"
            spellcheck="false"
            maxlength="320"
            ${attr('aria-invalid="true"', email.invalid)}${describedBy(email.id)}
          />
        </div>
        <div class="field${phone.invalid ? ' field-error' : ''}">
          <label for="f-phone">${t.t('form.phone')}</label>
          ${phone.markup}
          <input
            type="tel"
            id="f-phone"
            name="phone"
            value="${values.phone}"
            autocomplete="tel"
            dir="ltr"
            maxlength="40"
            ${attr('aria-invalid="true"', phone.invalid)}${describedBy(phone.id)}
          />
        </div>
      </fieldset>
      <div class="field${language.invalid ? ' field-error' : ''}">
        <label for="f-language">${t.t('form.language')}</label>
        ${language.markup}
        <select
          id="f-language"
          name="language"
          ${attr('aria-invalid="true"', language.invalid)}${describedBy(language.id)}
        >
          ${languageOrder.map((l) => html`<option value="${l.code}" lang="${l.code}" ${attr('selected', l.code === values.language)}>${l.nativeName}${l.code === 'en' ? '' : ` – ${l.name}`}</option>`)}
        </select>
      </div>
      <div class="field${subject.invalid ? ' field-error' : ''}">
        <label for="f-subject">${t.t('form.subject')}${marker(t, false)}</label>
        ${subject.markup}
        <select id="f-subject" name="subject" ${attr('aria-invalid="true"', subject.invalid)}${describedBy(subject.id)}>
          <option value="">${t.t('form.subject_none')}</option>
          ${o.subjects.map((s) => html`<option value="${s.code}" lang="en" dir="ltr" ${attr('selected', s.code === values.subject)}>${s.name}</option>`)}
        </select>
      </div>
      <div class="field${message.invalid ? ' field-error' : ''}">
        <label for="f-message">${t.t('form.message')}${marker(t, true)}</label>
        <span class="hint" id="f-message-hint">${t.t('form.message_hint', { max: t.number(o.maxMessageLength) })}</span>
        ${message.markup}
        <textarea
          id="f-message"
          name="message"
          rows="8"
          dir="auto"
          maxlength="${o.maxMessageLength}"
          required${attr('aria-invalid="true"', message.invalid)}${describedBy('f-message-hint', message.id)}
        >
${values.message}</textarea>
      </div>
      <div class="field${attachment.invalid ? ' field-error' : ''}">
        <label for="f-attachment">${t.t('form.attachment')}${marker(t, false)}</label>
        <span class="hint" id="f-attachment-hint"
          >${t.t('form.attachment_hint', { size: t.number(o.maxAttachmentMb) })}</span
        >
        ${attachment.markup}
        <input
          type="file"
          id="f-attachment"
          name="attachment"
          accept="application/pdf,image/jpeg,image/png,image/gif,image/webp"
          ${attr('aria-invalid="true"', attachment.invalid)}${describedBy('f-attachment-hint', attachment.id)}
        />
      </div>
      <fieldset>
        <legend>${t.t('form.needs_legend')}${marker(t, false)}</legend>
        ${needs.map(([value, key]) => html`<div class="choice"><input type="checkbox" id="f-need-${value}" name="needs" value="${value}" ${attr('checked', values.needs.includes(value))} /><label for="f-need-${value}">${t.t(key)}</label></div>`)}
      </fieldset>
      <div class="field${consent.invalid ? ' field-error' : ''}">
        ${consent.markup}
        <div class="choice">
          <input
            type="checkbox"
            id="f-consent"
            name="consent"
            value="yes"
            required${attr('checked', values.consent)}${attr('aria-invalid="true"', consent.invalid)}${describedBy(consent.id)}
          /><label for="f-consent">${t.t('form.consent', { agency: o.agencyName })}</label>
        </div>
      </div>
      <div class="hp" aria-hidden="true">
        <label for="f-website">${t.t('form.honeypot')}</label>
        <input type="text" id="f-website" name="website" value="" tabindex="-1" autocomplete="off" />
      </div>
      <button type="submit" id="f-submit">${t.t('form.submit')}</button>
    </form>`;
}

/** The confirmation after a case was made: tracking number, expected answer date, status link. */
export function confirmationPage(
  t: Translator,
  o: { trackingNumber?: string; statusUrl?: string; expectedBy?: string | null; formUrl: string },
): SafeHtml {
  if (!o.trackingNumber) {
    return html`<div class="panel"><h1>${t.t('done.title')}</h1></div>
      <p><a href="${o.formUrl}">${t.t('done.another')}</a></p>`;
  }
  return html`<div class="panel">
      <h1>${t.t('done.title')}</h1>
      <p>${t.t('done.tracking')}</p>
      <strong class="number" dir="ltr" id="tracking-number">${o.trackingNumber}</strong>
    </div>
    <p>${t.t('done.keep')}</p>
    ${o.expectedBy ? html`<p>${t.t('done.expected', { date: o.expectedBy })}</p>` : null}
    ${
      o.statusUrl
        ? html`<h2><a href="${o.statusUrl}" id="status-link">${t.t('done.status_link')}</a></h2>
            <p>${t.t('done.status_hint')}</p>
            <code class="url" dir="ltr">${o.statusUrl}</code>`
        : null
    }
    <p><a href="${o.formUrl}">${t.t('done.another')}</a></p>`;
}

/** The status of one case: state in plain words, dates, public updates. */
export function statusPage(t: Translator, view: StatusView, timeZone: string): SafeHtml {
  return html`<h1>${tHtml(t, 'status.title', { number: ltr(view.trackingNumber) })}</h1>
    <dl class="facts">
      <dt>${t.t('status.current')}</dt>
      <dd class="state">${t.t(view.stateKey)}</dd>
      <dt>${t.t('status.received')}</dt>
      <dd><time datetime="${view.receivedAt.toISOString()}">${t.date(view.receivedAt, timeZone)}</time></dd>
      ${
        view.expectedBy
          ? html`<dt>${t.t('status.expected')}</dt>
              <dd><time datetime="${view.expectedBy.toISOString()}">${t.date(view.expectedBy, timeZone)}</time></dd>`
          : null
      }
      ${
        view.closedAt
          ? html`<dt>${t.t('status.closed')}</dt>
              <dd><time datetime="${view.closedAt.toISOString()}">${t.date(view.closedAt, timeZone)}</time></dd>`
          : null
      }
    </dl>
    <h2>${t.t('status.updates')}</h2>
    ${
      view.updates.length
        ? html`<ol class="updates">
            ${view.updates.map(
              (u) =>
                html`<li>
                  <p class="date"><time datetime="${u.at.toISOString()}">${t.date(u.at, timeZone)}</time></p>
                  ${u.subject ? html`<p dir="auto"><strong>${u.subject}</strong></p>` : null}
                  <p class="body" dir="auto">${u.body}</p>
                </li>`,
            )}
          </ol>`
        : html`<p>${t.t('status.no_updates')}</p>`
    }
    <p>${t.t('status.contact')}</p>`;
}

/** The form to look a case up by tracking number and access code. */
export function statusLookupPage(t: Translator, action: string, values: { number: string; code: string }): SafeHtml {
  return html`<h1>${t.t('status.lookup_title')}</h1>
    <p>${t.t('status.lookup_intro')}</p>
    <form method="get" action="${action}">
      <input type="hidden" name="lang" value="${t.lang}" />
      <div class="field">
        <label for="f-number">${t.t('status.number')}</label>
        <input
          type="text"
          id="f-number"
          name="number"
          value="${values.number}"
          dir="ltr"
          autocomplete="off"
          spellcheck="false"
          maxlength="60"
          required
        />
      </div>
      <div class="field">
        <label for="f-code">${t.t('status.code')}</label>
        <input
          type="text"
          id="f-code"
          name="k"
          value="${values.code}"
          dir="ltr"
          autocomplete="off"
          spellcheck="false"
          maxlength="60"
          required
        />
      </div>
      <button type="submit">${t.t('status.lookup_submit')}</button>
    </form>`;
}

export interface SurveyValues {
  satisfaction: string;
  resolved: string;
  comment: string;
}

/** What a survey is about: a case (its tracking number) or an engagement (its title, in the staff's words). */
export type SurveyAbout = { trackingNumber: string } | { event: string };

/**
 * The satisfaction survey: a 1–5 radio group with a legend, resolved yes/no, a comment. The one rendering of these
 * questions, for a closed case's survey and for the feedback after an engagement.
 */
export function surveyPage(
  t: Translator,
  o: { about: SurveyAbout; action: string; values: SurveyValues; problems: FormProblem[]; maxComment: number },
): SafeHtml {
  const satisfaction = fieldError(t, o.problems, 'satisfaction');
  const comment = fieldError(t, o.problems, 'comment');
  const scale: MessageKey[] = [
    'survey.scale_1',
    'survey.scale_2',
    'survey.scale_3',
    'survey.scale_4',
    'survey.scale_5',
  ];
  return html`<h1>${t.t('survey.title')}</h1>
    <p>
      ${
        'trackingNumber' in o.about
          ? tHtml(t, 'survey.about', { number: ltr(o.about.trackingNumber) })
          : tHtml(t, 'feedback.about', { event: html`<bdi dir="auto" id="feedback-event">${o.about.event}</bdi>` })
      }
    </p>
    <p>${t.t('survey.intro')}</p>
    ${errorSummary(t, o.problems)}
    <form method="post" action="${o.action}" novalidate>
      <input type="hidden" name="lang" value="${t.lang}" />
      <fieldset class="${satisfaction.invalid ? 'field-error' : ''}" ${describedBy(satisfaction.id)}>
        <legend>${t.t('survey.satisfaction')}${marker(t, true)}</legend>
        ${satisfaction.markup}
        ${scale.map((key, i) => html`<div class="choice"><input type="radio" id="s-${i + 1}" name="satisfaction" value="${i + 1}" ${attr('checked', o.values.satisfaction === String(i + 1))} /><label for="s-${i + 1}">${t.t(key)}</label></div>`)}
      </fieldset>
      <fieldset>
        <legend>${t.t('survey.resolved')}${marker(t, false)}</legend>
        <div class="choice">
          <input
            type="radio"
            id="r-yes"
            name="resolved"
            value="yes"
            ${attr('checked', o.values.resolved === 'yes')}
          /><label for="r-yes">${t.t('survey.yes')}</label>
        </div>
        <div class="choice">
          <input
            type="radio"
            id="r-no"
            name="resolved"
            value="no"
            ${attr('checked', o.values.resolved === 'no')}
          /><label for="r-no">${t.t('survey.no')}</label>
        </div>
      </fieldset>
      <div class="field${comment.invalid ? ' field-error' : ''}">
        <label for="f-comment">${t.t('survey.comment')}${marker(t, false)}</label>
        ${comment.markup}
        <textarea
          id="f-comment"
          name="comment"
          rows="5"
          dir="auto"
          maxlength="${o.maxComment}"
          ${attr('aria-invalid="true"', comment.invalid)}${describedBy(comment.id)}
        >
${o.values.comment}</textarea>
      </div>
      <button type="submit">${t.t('survey.submit')}</button>
    </form>`;
}

/** A page with a heading, a sentence and an optional link (thanks, not found, too large, wait, error). */
export function messagePage(
  t: Translator,
  title: string,
  text: string,
  link?: { href: string; label: string },
): SafeHtml {
  return html`<h1>${title}</h1>
    <p>${text}</p>
    ${link ? html`<p><a href="${link.href}">${link.label}</a></p>` : null}`;
}
