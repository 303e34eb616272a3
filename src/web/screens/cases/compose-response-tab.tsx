// Answer the constituent from an approved template in one step: choose the template (the case's language is picked
// by the server, English stands in with a notice), add your own text where the template has a place for it, and
// watch the preview follow as you type — rendered by the server's own merge, so it is the text that will be sent —
// then send, optionally closing the case.
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../api/client.ts';
import type { CaseRecord, RenderedResponse, TemplateSummary } from '../../api/types.ts';
import { CheckboxField, SelectField, TextAreaField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { humanize, languageName, textDirection } from '../../format.ts';
import { useDebouncedValue } from '../../components/use-debounced-value.ts';
import { caseKeys, useCaseAction } from './use-case-action.ts';

type Channel = 'email' | 'letter' | 'phone';

interface Draft {
  templateCode: string;
  channel: Channel;
  responseText: string;
}

/** The respond tab. */
export function ComposeResponseTab({ current: c }: { current: CaseRecord }) {
  const tn = c.trackingNumber;
  const [channel, setChannel] = useState<Channel>(c.person?.email || c.channel === 'email' ? 'email' : 'letter');
  const [templateCode, setTemplateCode] = useState('');
  const [responseText, setResponseText] = useState('');
  const [close, setClose] = useState(false);
  const [allowEmpty, setAllowEmpty] = useState(false);

  const templates = useQuery({
    queryKey: ['templates', 'approved-list', channel],
    queryFn: () => api<TemplateSummary[]>('GET', `/templates${queryString({ channel, status: 'approved' })}`),
  });
  const choices = new Map<string, TemplateSummary>();
  for (const t of templates.data ?? []) {
    if (t.approvedVersion === null) continue;
    if (!choices.has(t.code) || t.language === c.language) choices.set(t.code, t);
  }
  const chosen = choices.get(templateCode);
  const takesText = chosen?.latestVersion?.fieldNames.includes('responseText') ?? false;
  // The preview follows the form: a new template or channel at once, typed text after a pause.
  const settledText = useDebouncedValue(responseText, 400);
  const previewed: Draft | null = templateCode ? { templateCode, channel, responseText: settledText } : null;
  const previewUpToDate = settledText === responseText;

  const preview = useQuery({
    queryKey: [...caseKeys.part(tn, 'preview'), previewed],
    queryFn: () =>
      api<RenderedResponse>('POST', `/cases/${encodeURIComponent(tn)}/responses/preview`, {
        templateCode: previewed!.templateCode,
        channel: previewed!.channel,
        ...(previewed!.responseText ? { responseText: previewed!.responseText } : {}),
      }),
    enabled: previewed !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });

  const send = useCaseAction<Draft & { close: boolean; allowEmptyFields: boolean }>(
    tn,
    (draft) => ({
      path: '/responses',
      body: {
        templateCode: draft.templateCode,
        channel: draft.channel,
        ...(draft.responseText ? { responseText: draft.responseText } : {}),
        close: draft.close,
        ...(draft.allowEmptyFields ? { allowEmptyFields: true } : {}),
        expectedVersion: c.version,
      },
    }),
    (draft) => `Response sent by ${draft.channel}${draft.close ? ' and the case closed' : ''}.`,
  );

  const rendered = previewed ? preview.data : undefined;
  const direction = textDirection(rendered?.language);

  if (c.status === 'closed') {
    return (
      <>
        <h2>Respond</h2>
        <p>The case is closed. Reopen it (status In progress) to answer again.</p>
      </>
    );
  }

  return (
    <form
      className="compose"
      onSubmit={(e) => {
        e.preventDefault();
        if (!templateCode) return;
        send.mutate(
          { templateCode, channel, responseText, close, allowEmptyFields: allowEmpty },
          {
            onSuccess: () => {
              setTemplateCode('');
              setResponseText('');
              setClose(false);
              setAllowEmpty(false);
            },
          },
        );
      }}
    >
      <h2>Respond</h2>
      <p className="muted">
        The case is in {languageName(c.language)}; the template in that language is used when one is approved.
      </p>
      <div className="field-row">
        <SelectField
          label="Send by"
          name="channel"
          value={channel}
          onChange={(e) => {
            setChannel(e.target.value as Channel);
            setTemplateCode('');
          }}
          options={(['email', 'letter', 'phone'] as const).map((v) => ({ value: v, label: humanize(v) }))}
        />
        <SelectField
          label="Template"
          name="templateCode"
          value={templateCode}
          onChange={(e) => setTemplateCode(e.target.value)}
          placeholder="Choose an approved template"
          options={[...choices.values()].map((t) => ({ value: t.code, label: t.name }))}
          field="templateCode"
          error={send.error ?? preview.error}
        />
      </div>
      <FormError error={templates.error} />
      {takesText && (
        <>
          <TextAreaField
            label="Your text"
            name="responseText"
            rows={4}
            value={responseText}
            onChange={(e) => setResponseText(e.target.value)}
            hint="Goes into the template where it has a place for your own words; the preview follows as you type."
            {...textDirection(c.language)}
          />
        </>
      )}
      <FormError error={preview.error} />
      {rendered && (
        <section
          className="preview"
          aria-labelledby="preview-heading"
          aria-busy={!previewUpToDate || preview.isFetching}
        >
          <h3 id="preview-heading">
            Preview ({languageName(rendered.language)}){' '}
            <span className="muted">
              {!previewUpToDate || preview.isFetching ? '— updating…' : '— as it will be sent'}
            </span>
          </h3>
          {rendered.fallback && (
            <p className="notice" role="note">
              No approved {languageName(c.language)} version of this template exists, so the English one is used.
            </p>
          )}
          {rendered.unknownFields.length > 0 && (
            <p className="notice">Fields not filled in: {rendered.unknownFields.join(', ')}</p>
          )}
          <p className="preview-subject" {...direction}>
            <span className="visually-hidden">Subject: </span>
            {rendered.subject}
          </p>
          <div className="preview-body" {...direction}>
            {rendered.body}
          </div>
        </section>
      )}
      {rendered?.emptyFields && rendered.emptyFields.length > 0 && (
        <>
          <p className="notice" role="note">
            Empty for this case, so the text has a gap there: {rendered.emptyFields.join(', ')}. Fill them in on the
            case, or confirm below.
          </p>
          <CheckboxField
            label="Send anyway, with these fields empty"
            checked={allowEmpty}
            onChange={(e) => setAllowEmpty(e.target.checked)}
          />
        </>
      )}
      <CheckboxField
        label="Close the case after sending"
        checked={close}
        onChange={(e) => setClose(e.target.checked)}
      />
      <FormError error={send.error} />
      <button
        type="submit"
        className="button-primary"
        disabled={!templateCode || send.isPending || !previewUpToDate || preview.isFetching}
      >
        {close ? 'Send and close' : 'Send response'}
      </button>
    </form>
  );
}
