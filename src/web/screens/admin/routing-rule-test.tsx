// "Test against a sample": what the rules would do to an item like this one, rule by rule and condition by
// condition. Nothing is written.
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { channelOptions, subjectOptions, useSubjects, writerTypeOptions } from '../../api/reference.ts';
import { SelectField, TextAreaField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { LANGUAGES, humanize } from '../../format.ts';

interface TestOutcome {
  result: {
    unitCode?: string;
    priority?: string;
    serviceStandardId?: number;
    tags: string[];
    matched: { id: number; name: string }[];
  };
  rules: {
    id: number;
    name: string;
    position: number;
    active: boolean;
    matched: boolean;
    conditions: { field: string; expected: string[]; actual: string | string[] | null; matched: boolean }[];
  }[];
}

/** The rule test panel. */
export function RoutingRuleTest() {
  const subjects = useSubjects();
  const [outcome, setOutcome] = useState<TestOutcome | null>(null);
  const test = useMutation({
    mutationFn: (sample: Record<string, unknown>) => api<TestOutcome>('POST', '/routing-rules/test', { sample }),
    onSuccess: setOutcome,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '');
    test.mutate({
      channel: text('channel'),
      subject: text('subject') || null,
      writerType: text('writerType'),
      language: text('language'),
      text: text('text'),
    });
  };
  return (
    <section className="panel" aria-labelledby="rule-test-heading">
      <h2 id="rule-test-heading">Test against a sample</h2>
      <form onSubmit={submit}>
        <div className="field-row">
          <SelectField
            label="Channel"
            name="channel"
            defaultValue="email"
            options={channelOptions}
            field="sample.channel"
            error={test.error}
          />
          <SelectField
            label="Subject"
            name="subject"
            placeholder="Not coded"
            options={subjectOptions(subjects.data)}
            field="sample.subject"
            error={test.error}
          />
          <SelectField label="Writer type" name="writerType" defaultValue="constituent" options={writerTypeOptions} />
          <SelectField
            label="Language"
            name="language"
            defaultValue="en"
            options={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
          />
        </div>
        <TextAreaField label="Text of the item" name="text" rows={3} field="sample.text" error={test.error} />
        <FormError error={test.error} />
        <button type="submit" className="button-primary" disabled={test.isPending}>
          Run the rules
        </button>
      </form>
      <div aria-live="polite">
        {outcome && (
          <>
            <h3>Result</h3>
            <dl className="facts">
              <div>
                <dt>Unit</dt>
                <dd>{outcome.result.unitCode ?? 'No unit'}</dd>
              </div>
              <div>
                <dt>Priority</dt>
                <dd>{humanize(outcome.result.priority ?? 'unchanged')}</dd>
              </div>
              <div>
                <dt>Tags</dt>
                <dd>{outcome.result.tags.join(', ') || '—'}</dd>
              </div>
              <div>
                <dt>Rules that matched</dt>
                <dd>{outcome.result.matched.map((m) => m.name).join('; ') || 'none'}</dd>
              </div>
            </dl>
            <details>
              <summary>Rule by rule</summary>
              <ol className="plain-list">
                {outcome.rules.map((rule) => (
                  <li key={rule.id}>
                    <strong>{rule.name}</strong>: {rule.matched ? 'matched' : 'did not match'}
                    {!rule.active && ' (inactive)'}
                    {rule.conditions.length > 0 && (
                      <ul>
                        {rule.conditions.map((c) => (
                          <li key={c.field}>
                            {humanize(c.field)} {c.matched ? '✓' : '✗'} expected {c.expected.join(' or ')}, got{' '}
                            {Array.isArray(c.actual) ? c.actual.join(', ') || 'nothing' : (c.actual ?? 'nothing')}
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ol>
            </details>
          </>
        )}
      </div>
    </section>
  );
}
