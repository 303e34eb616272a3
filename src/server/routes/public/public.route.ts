// The public portal under /public: per agency and channel an intake form, a status page and a satisfaction
// survey, as server-rendered HTML in the visitor's language (no JavaScript). Routes only parse, call a command
// and render; every failure, including 404, 413 and 429, is a page in the visitor's language, never JSON.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../env.ts';
import type { Db } from '../../db/database.ts';
import { negotiateLanguage, translator, type Translator } from '../../i18n/messages.ts';
import {
  agencyNameIn,
  findAgencyBySlug,
  findPublicChannel,
  formSubjects,
  listPublicChannels,
  type PortalAgency,
} from '../../repositories/portal.ts';
import { issueFormToken, portalSecret } from '../../commands/portal/public-form-token.ts';
import {
  MESSAGE_MAX_LENGTH,
  submitPublicForm,
  type CaseReceipt,
  type FormProblem,
  type PublicFormInput,
} from '../../commands/portal/public-intake.ts';
import { publicCaseStatus, statusUrl } from '../../commands/portal/public-status.ts';
import { answerSurvey, COMMENT_MAX_LENGTH, findSurvey } from '../../commands/portal/survey-response.ts';
import { answerEngagementFeedback, findFeedbackForm } from '../../commands/portal/engagement-feedback.ts';
import { FEEDBACK_OPEN_DAYS } from '../../../domain/engagement-feedback.ts';
import { presentError } from '../../error-response.ts';
import { html, type SafeHtml } from './html.ts';
import {
  confirmationPage,
  formPage,
  layout,
  messagePage,
  statusLookupPage,
  statusPage,
  surveyPage,
  type FormValues,
} from './pages.ts';
import { PORTAL_CSS } from './portal-css.ts';

export interface PublicRouteDependencies {
  config: Config;
  db: Db;
}

type Fields = Map<string, string[]>;

interface ReadForm {
  fields: Fields;
  file: { filename: string; data: Buffer } | null;
  fileTooLarge: boolean;
}

class BadForm extends Error {
  statusCode = 400;
  code = 'PORTAL_BAD_FORM';
}

class TooLarge extends Error {
  statusCode = 413;
  code = 'PORTAL_FIELD_TOO_LARGE';
}

const POST_LIMIT = { max: 10, timeWindow: '1 minute' };
const GET_LIMIT = { max: 30, timeWindow: '1 minute' };

function first(fields: Fields, name: string): string {
  return fields.get(name)?.[0] ?? '';
}

/** The survey's answers as posted, by a case's survey or an engagement's feedback form alike. */
function surveyValues(fields: Fields) {
  return {
    satisfaction: first(fields, 'satisfaction'),
    resolved: first(fields, 'resolved'),
    comment: first(fields, 'comment'),
  };
}

/** Reads a posted form, multipart (with the optional attachment) or urlencoded, into fields and one file. */
async function readForm(req: FastifyRequest, maxBytes: number): Promise<ReadForm> {
  const fields: Fields = new Map();
  const add = (name: string, value: string) => fields.set(name, [...(fields.get(name) ?? []), value]);
  let file: ReadForm['file'] = null;
  let fileTooLarge = false;
  if (req.isMultipart()) {
    const parts = req.parts({
      limits: { fieldSize: 100_000, fields: 40, files: 1, parts: 50, fileSize: maxBytes },
      // A file over the limit is cut short and flagged rather than thrown, so the rest of the form is still read
      // (a per-call option of @fastify/multipart that its types do not list).
      ...({ throwFileSizeLimit: false } as object),
    });
    try {
      for await (const part of parts) {
        if (part.type === 'file') {
          const data = await part.toBuffer();
          if (part.file.truncated) fileTooLarge = true;
          else if (part.fieldname === 'attachment' && data.length > 0) file = { filename: part.filename, data };
        } else {
          if (part.valueTruncated) throw new TooLarge('A field is larger than the form accepts.');
          add(part.fieldname, String(part.value ?? ''));
        }
      }
    } catch (error) {
      // A broken multipart body (bad boundary, cut short) is the sender's fault, not ours.
      if ((error as { statusCode?: number }).statusCode) throw error;
      throw new BadForm('The form data could not be read.');
    }
  } else if (req.body && typeof req.body === 'object') {
    for (const [name, value] of Object.entries(req.body as Record<string, unknown>)) {
      for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string') add(name, v);
    }
  }
  return { fields, file, fileTooLarge };
}

function queryOf(req: FastifyRequest): Record<string, unknown> {
  return (req.query ?? {}) as Record<string, unknown>;
}

function languageOf(req: FastifyRequest, posted?: string): Translator {
  return translator(negotiateLanguage(posted || queryOf(req).lang, req.headers['accept-language']));
}

/** This request's path with ?lang= set to another language (other query parameters kept). */
function hrefFor(req: FastifyRequest) {
  return (lang: string) => {
    const url = new URL(req.url, 'http://portal.invalid');
    url.searchParams.set('lang', lang);
    return `${url.pathname}?${url.searchParams.toString()}`;
  };
}

function send(reply: FastifyReply, status: number, page: string) {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .header('x-robots-tag', 'noindex')
    .type('text/html; charset=utf-8')
    .send(page);
}

/** Sends one of an agency's portal pages: its name in the visitor's language, the language links, the body. */
function portalPage(
  req: FastifyRequest,
  reply: FastifyReply,
  agency: PortalAgency,
  t: Translator,
  page: { title: string; body: SafeHtml; status?: number; hasErrors?: boolean; hrefFor?: (lang: string) => string },
) {
  const { title, body, hasErrors } = page;
  const agencyName = agencyNameIn(agency, t.lang);
  const links = page.hrefFor ?? hrefFor(req);
  return send(reply, page.status ?? 200, layout({ t, title, agencyName, hrefFor: links, body, hasErrors }));
}

function notFoundPage(req: FastifyRequest, reply: FastifyReply, agency: PortalAgency | null = null) {
  const t = languageOf(req);
  const body = messagePage(
    t,
    t.t('page.not_found_title'),
    t.t('page.not_found'),
    agency
      ? {
          href: `/public/${encodeURIComponent(agency.slug)}?lang=${t.lang}`,
          label: t.t('index.title', { agency: agencyNameIn(agency, t.lang) }),
        }
      : undefined,
  );
  return send(
    reply,
    404,
    layout({
      t,
      title: t.t('page.not_found_title'),
      agencyName: agency ? agencyNameIn(agency, t.lang) : null,
      hrefFor: hrefFor(req),
      body,
    }),
  );
}

/** Adds the portal's routes to an instance registered at prefix /public. */
export function publicRoutes(app: FastifyInstance, deps: PublicRouteDependencies): void {
  const { config, db } = deps;
  const maxMb = Math.round(config.maxAttachmentBytes / 1024 / 1024);

  app.setNotFoundHandler((req, reply) => notFoundPage(req, reply));

  app.setErrorHandler((error: { statusCode?: number; code?: string }, req, reply) => {
    const t = languageOf(req);
    const status = error.statusCode ?? 500;
    const render = (code: number, title: string, text: string, withBack = false) => {
      const back =
        withBack && req.method === 'POST' ? { href: hrefFor(req)(t.lang), label: t.t('page.back_to_form') } : undefined;
      return send(
        reply,
        code,
        layout({ t, title, agencyName: null, hrefFor: hrefFor(req), body: messagePage(t, title, text, back) }),
      );
    };
    if (status === 413) {
      return render(
        413,
        t.t('page.too_large_title'),
        t.t('page.too_large', { max: t.number(MESSAGE_MAX_LENGTH), size: t.number(maxMb) }),
        true,
      );
    }
    if (status === 429) {
      reply.header('retry-after', '60');
      return render(429, t.t('page.rate_limited_title'), t.t('page.rate_limited'));
    }
    if (status === 404) return notFoundPage(req, reply);
    if (status >= 400 && status < 500)
      return render(status, t.t('page.bad_request_title'), t.t('page.bad_request'), true);
    req.log.error({ err: error, requestId: req.id }, 'public portal request failed');
    // A lost database is temporary: 503 with Retry-After, so visitors and crawlers come back.
    const unavailable = presentError(error, req.id).status === 503;
    if (unavailable) reply.header('retry-after', '60');
    return render(unavailable ? 503 : 500, t.t('page.error_title'), t.t('page.error', { reference: req.id }));
  });

  app.get('/assets/portal.css', { schema: { hide: true } }, async (_req, reply) =>
    reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8').send(PORTAL_CSS),
  );

  app.get<{ Params: { agency: string } }>('/:agency', { schema: { hide: true } }, async (req, reply) => {
    const agency = await findAgencyBySlug(db, req.params.agency);
    if (!agency) return notFoundPage(req, reply);
    const t = languageOf(req);
    const channels = await listPublicChannels(db, agency.id);
    const base = `/public/${encodeURIComponent(agency.slug)}`;
    const body = html`<h1>${t.t('index.title', { agency: agencyNameIn(agency, t.lang) })}</h1>
      <p>${t.t('index.intro')}</p>
      <ul>
        ${channels.map((c) => html`<li><a href="${base}/${encodeURIComponent(c.slug)}/form?lang=${t.lang}" lang="en" dir="ltr">${c.name}</a></li>`)}
      </ul>
      <p><a href="${base}/status?lang=${t.lang}">${t.t('index.status_link')}</a></p>`;
    return portalPage(req, reply, agency, t, {
      title: t.t('index.title', { agency: agencyNameIn(agency, t.lang) }),
      body,
    });
  });

  /** Loads agency, open channel and its subjects; null = the friendly 404. */
  async function formContext(agencySlug: string, channelSlug: string) {
    const agency = await findAgencyBySlug(db, agencySlug);
    if (!agency) return null;
    const channel = await findPublicChannel(db, agency.id, channelSlug);
    if (!channel) return { agency, channel: null, subjects: [] };
    return { agency, channel, subjects: await formSubjects(db, agency.id, channel.settings.subjects) };
  }

  async function renderForm(
    req: FastifyRequest,
    reply: FastifyReply,
    t: Translator,
    context: NonNullable<Awaited<ReturnType<typeof formContext>>>,
    state: { token?: string; values?: FormValues; problems?: FormProblem[]; hadAttachment?: boolean; status?: number },
  ) {
    const { agency, channel, subjects } = context;
    const action = `/public/${encodeURIComponent(agency.slug)}/${encodeURIComponent(channel!.slug)}/form?lang=${t.lang}`;
    const token = state.token ?? issueFormToken(await portalSecret(db, config), agency.slug, channel!.slug);
    const problems = state.problems ?? [];
    const body = formPage({
      t,
      agencyName: agencyNameIn(agency, t.lang),
      channelName: channel!.name,
      channelDescription: channel!.settings.description ?? null,
      action,
      token,
      subjects,
      channelLanguages: channel!.settings.languages ?? [],
      values: state.values ?? {
        name: '',
        email: '',
        phone: '',
        language: t.lang,
        subject: '',
        message: '',
        needs: [],
        consent: false,
      },
      problems,
      hadAttachment: state.hadAttachment ?? false,
      maxMessageLength: MESSAGE_MAX_LENGTH,
      maxAttachmentMb: maxMb,
    });
    const title = t.t('form.title', { agency: agencyNameIn(agency, t.lang) });
    return portalPage(req, reply, agency, t, { status: state.status, title, body, hasErrors: problems.length > 0 });
  }

  app.get<{ Params: { agency: string; channel: string } }>(
    '/:agency/:channel',
    { schema: { hide: true } },
    async (req, reply) => {
      const lang = queryOf(req).lang;
      const suffix = typeof lang === 'string' ? `?lang=${encodeURIComponent(lang)}` : '';
      return reply.redirect(
        `/public/${encodeURIComponent(req.params.agency)}/${encodeURIComponent(req.params.channel)}/form${suffix}`,
        303,
      );
    },
  );

  app.get<{ Params: { agency: string; channel: string } }>(
    '/:agency/:channel/form',
    { schema: { hide: true }, config: { rateLimit: GET_LIMIT } },
    async (req, reply) => {
      const context = await formContext(req.params.agency, req.params.channel);
      if (!context?.channel) return notFoundPage(req, reply, context?.agency ?? null);
      return renderForm(req, reply, languageOf(req), context, {});
    },
  );

  app.post<{ Params: { agency: string; channel: string } }>(
    '/:agency/:channel/form',
    { schema: { hide: true }, config: { rateLimit: POST_LIMIT } },
    async (req, reply) => {
      const context = await formContext(req.params.agency, req.params.channel);
      if (!context?.channel) return notFoundPage(req, reply, context?.agency ?? null);
      const form = await readForm(req, config.maxAttachmentBytes);
      const t = languageOf(req, first(form.fields, 'lang'));
      const values: FormValues = {
        name: first(form.fields, 'name'),
        email: first(form.fields, 'email'),
        phone: first(form.fields, 'phone'),
        language: first(form.fields, 'language') || t.lang,
        subject: first(form.fields, 'subject'),
        message: first(form.fields, 'message'),
        needs: form.fields.get('needs') ?? [],
        consent: first(form.fields, 'consent') === 'yes',
      };
      const input: PublicFormInput = {
        ...values,
        token: first(form.fields, 'token'),
        honeypot: first(form.fields, 'website'),
        attachment: form.file,
        attachmentTooLarge: form.fileTooLarge,
      };
      const outcome = await submitPublicForm(
        { db, config, agency: context.agency, channel: context.channel, subjects: context.subjects },
        input,
      );
      const formUrl = `/public/${encodeURIComponent(context.agency.slug)}/${encodeURIComponent(context.channel.slug)}/form?lang=${t.lang}`;
      if (outcome.kind === 'invalid') {
        const tokenProblem = outcome.problems.find((p) => p.field === 'form');
        return renderForm(req, reply, t, context, {
          // A token that is only too young stays; an expired or forged one is replaced.
          ...(tokenProblem?.key === 'error.expired' ? {} : { token: input.token }),
          values,
          problems: outcome.problems,
          hadAttachment: Boolean(form.file) || form.fileTooLarge,
          status: 400,
        });
      }
      const receipt: Partial<CaseReceipt> = outcome.kind === 'dropped' ? {} : outcome;
      const statusPath =
        receipt.trackingNumber && receipt.accessCode
          ? `/public/${encodeURIComponent(context.agency.slug)}/status/${encodeURIComponent(receipt.trackingNumber)}?k=${receipt.accessCode}`
          : null;
      const body = confirmationPage(t, {
        formUrl,
        ...(receipt.trackingNumber ? { trackingNumber: receipt.trackingNumber } : {}),
        ...(receipt.trackingNumber && receipt.accessCode
          ? { statusUrl: statusUrl(config, context.agency.slug, receipt.trackingNumber, receipt.accessCode, t.lang) }
          : {}),
        expectedBy: receipt.expectedBy ? t.date(receipt.expectedBy, context.agency.timeZone) : null,
      });
      // After sending, another language shows the status page (which has the tracking number) in that language.
      const switchTo = (lang: string) =>
        statusPath ? `${statusPath}&lang=${lang}` : formUrl.replace(/lang=\w+$/, `lang=${lang}`);
      return portalPage(req, reply, context.agency, t, { title: t.t('done.title'), body, hrefFor: switchTo });
    },
  );

  app.get<{ Params: { agency: string } }>(
    '/:agency/status',
    { schema: { hide: true }, config: { rateLimit: GET_LIMIT } },
    async (req, reply) => {
      const agency = await findAgencyBySlug(db, req.params.agency);
      if (!agency) return notFoundPage(req, reply);
      const t = languageOf(req);
      const q = queryOf(req);
      const number = typeof q.number === 'string' ? q.number.trim().toUpperCase() : '';
      const code = typeof q.k === 'string' ? q.k.trim() : '';
      if (number && code) {
        return reply.redirect(
          `/public/${encodeURIComponent(agency.slug)}/status/${encodeURIComponent(number)}?k=${encodeURIComponent(code)}&lang=${t.lang}`,
          303,
        );
      }
      const body = statusLookupPage(t, `/public/${encodeURIComponent(agency.slug)}/status`, { number, code });
      return portalPage(req, reply, agency, t, { title: t.t('status.lookup_title'), body });
    },
  );

  app.get<{ Params: { agency: string; trackingNumber: string } }>(
    '/:agency/status/:trackingNumber',
    { schema: { hide: true }, config: { rateLimit: GET_LIMIT } },
    async (req, reply) => {
      const agency = await findAgencyBySlug(db, req.params.agency);
      if (!agency) return notFoundPage(req, reply);
      const code = queryOf(req).k;
      const view = await publicCaseStatus(
        db,
        agency,
        req.params.trackingNumber,
        typeof code === 'string' ? code : undefined,
      );
      if (!view) return notFoundPage(req, reply, agency);
      const t = languageOf(req);
      const body = statusPage(t, view, agency.timeZone);
      return portalPage(req, reply, agency, t, { title: t.t('status.title', { number: view.trackingNumber }), body });
    },
  );

  app.get<{ Params: { agency: string; token: string } }>(
    '/:agency/survey/:token',
    { schema: { hide: true }, config: { rateLimit: GET_LIMIT } },
    async (req, reply) => {
      const agency = await findAgencyBySlug(db, req.params.agency);
      if (!agency) return notFoundPage(req, reply);
      const lookup = await findSurvey(db, agency, req.params.token);
      if (lookup.kind === 'not_found') return notFoundPage(req, reply, agency);
      const t = languageOf(req);
      if (lookup.kind === 'answered') {
        const body = messagePage(t, t.t('survey.thanks_title'), t.t('survey.already'));
        return portalPage(req, reply, agency, t, { title: t.t('survey.thanks_title'), body });
      }
      const body = surveyPage(t, {
        about: { trackingNumber: lookup.invitation.trackingNumber },
        action: `/public/${encodeURIComponent(agency.slug)}/survey/${encodeURIComponent(req.params.token)}?lang=${t.lang}`,
        values: { satisfaction: '', resolved: '', comment: '' },
        problems: [],
        maxComment: COMMENT_MAX_LENGTH,
      });
      return portalPage(req, reply, agency, t, { title: t.t('survey.title'), body });
    },
  );

  app.post<{ Params: { agency: string; token: string } }>(
    '/:agency/survey/:token',
    { schema: { hide: true }, config: { rateLimit: POST_LIMIT } },
    async (req, reply) => {
      const agency = await findAgencyBySlug(db, req.params.agency);
      if (!agency) return notFoundPage(req, reply);
      const form = await readForm(req, 0);
      const t = languageOf(req, first(form.fields, 'lang'));
      const values = surveyValues(form.fields);
      const result = await answerSurvey(db, agency, req.params.token, { ...values, language: t.lang });
      if (result.kind === 'not_found') return notFoundPage(req, reply, agency);
      if (result.kind === 'invalid') {
        const lookup = await findSurvey(db, agency, req.params.token);
        const body = surveyPage(t, {
          about: { trackingNumber: lookup.kind === 'open' ? lookup.invitation.trackingNumber : '' },
          action: `/public/${encodeURIComponent(agency.slug)}/survey/${encodeURIComponent(req.params.token)}?lang=${t.lang}`,
          values,
          problems: result.problems,
          maxComment: COMMENT_MAX_LENGTH,
        });
        return portalPage(req, reply, agency, t, { status: 400, title: t.t('survey.title'), body, hasErrors: true });
      }
      const title = t.t('survey.thanks_title');
      const text = result.kind === 'answered' ? t.t('survey.already') : t.t('survey.thanks');
      const status = result.kind === 'answered' ? 409 : 200;
      return portalPage(req, reply, agency, t, { status, title, body: messagePage(t, title, text) });
    },
  );

  // Feedback after an engagement: the survey's questions about an event, from a link staff give out (no sign-in).
  function feedbackClosedPage(req: FastifyRequest, reply: FastifyReply, agency: PortalAgency, t: Translator) {
    const title = t.t('feedback.closed_title');
    const text = t.t('feedback.closed', { days: t.number(FEEDBACK_OPEN_DAYS) });
    return portalPage(req, reply, agency, t, { status: 410, title, body: messagePage(t, title, text) });
  }

  function feedbackFormPage(
    req: FastifyRequest,
    reply: FastifyReply,
    agency: PortalAgency,
    t: Translator,
    form: {
      event: string;
      values: { satisfaction: string; resolved: string; comment: string };
      problems: FormProblem[];
    },
  ) {
    const params = req.params as { code: string };
    const body = surveyPage(t, {
      about: { event: form.event },
      action: `/public/${encodeURIComponent(agency.slug)}/feedback/${encodeURIComponent(params.code)}?lang=${t.lang}`,
      values: form.values,
      problems: form.problems,
      maxComment: COMMENT_MAX_LENGTH,
    });
    const hasErrors = form.problems.length > 0;
    return portalPage(req, reply, agency, t, {
      status: hasErrors ? 400 : 200,
      title: t.t('survey.title'),
      body,
      hasErrors,
    });
  }

  app.get<{ Params: { agency: string; code: string } }>(
    '/:agency/feedback/:code',
    { schema: { hide: true }, config: { rateLimit: GET_LIMIT } },
    async (req, reply) => {
      const agency = await findAgencyBySlug(db, req.params.agency);
      if (!agency) return notFoundPage(req, reply);
      const lookup = await findFeedbackForm(db, agency, req.params.code);
      if (lookup.kind === 'not_found') return notFoundPage(req, reply, agency);
      const t = languageOf(req);
      if (lookup.kind === 'closed') return feedbackClosedPage(req, reply, agency, t);
      return feedbackFormPage(req, reply, agency, t, {
        event: lookup.engagement.title,
        values: { satisfaction: '', resolved: '', comment: '' },
        problems: [],
      });
    },
  );

  app.post<{ Params: { agency: string; code: string } }>(
    '/:agency/feedback/:code',
    { schema: { hide: true }, config: { rateLimit: POST_LIMIT } },
    async (req, reply) => {
      const agency = await findAgencyBySlug(db, req.params.agency);
      if (!agency) return notFoundPage(req, reply);
      const form = await readForm(req, 0);
      const t = languageOf(req, first(form.fields, 'lang'));
      const values = surveyValues(form.fields);
      const result = await answerEngagementFeedback(db, agency, req.params.code, { ...values, language: t.lang });
      if (result.kind === 'not_found') return notFoundPage(req, reply, agency);
      if (result.kind === 'closed') return feedbackClosedPage(req, reply, agency, t);
      if (result.kind === 'invalid') {
        return feedbackFormPage(req, reply, agency, t, {
          event: result.engagement.title,
          values,
          problems: result.problems,
        });
      }
      const title = t.t('survey.thanks_title');
      return portalPage(req, reply, agency, t, { title, body: messagePage(t, title, t.t('survey.thanks')) });
    },
  );
}
