// Labelled form controls: every input has a <label for>, an optional hint, and the server's message for its field
// linked with aria-describedby and aria-invalid.
import {
  useId,
  useRef,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { ApiError } from '../api/client.ts';

interface FieldProps {
  label: string;
  /** The API field this control edits, to find its error message. */
  field?: string;
  error?: unknown;
  hint?: ReactNode;
}

function useFieldIds(props: FieldProps, id?: string) {
  const generated = useId();
  const controlId = id ?? generated;
  const message = props.field && props.error instanceof ApiError ? props.error.fieldMessage(props.field) : undefined;
  const hintId = props.hint ? `${controlId}-hint` : undefined;
  const errorId = message ? `${controlId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return { controlId, message, hintId, errorId, describedBy };
}

function Wrapper(props: FieldProps & { ids: ReturnType<typeof useFieldIds>; children: ReactNode; required?: boolean }) {
  return (
    <div className="field">
      <label htmlFor={props.ids.controlId}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      {props.hint && (
        <p className="hint" id={props.ids.hintId}>
          {props.hint}
        </p>
      )}
      {props.children}
      {props.ids.message && (
        <p className="field-error" id={props.ids.errorId}>
          {props.ids.message}
        </p>
      )}
    </div>
  );
}

/** A labelled <input>. */
export function TextField({ label, field, error, hint, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const ids = useFieldIds({ label, field, error, hint }, input.id);
  return (
    <Wrapper label={label} hint={hint} ids={ids} required={input.required}>
      <input
        {...input}
        id={ids.controlId}
        aria-describedby={ids.describedBy}
        aria-invalid={ids.message ? true : undefined}
      />
    </Wrapper>
  );
}

/** A labelled <textarea>. */
export function TextAreaField({
  label,
  field,
  error,
  hint,
  ...textarea
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const ids = useFieldIds({ label, field, error, hint }, textarea.id);
  return (
    <Wrapper label={label} hint={hint} ids={ids} required={textarea.required}>
      <textarea
        {...textarea}
        id={ids.controlId}
        aria-describedby={ids.describedBy}
        aria-invalid={ids.message ? true : undefined}
      />
    </Wrapper>
  );
}

interface SelectOption {
  value: string;
  label: string;
  group?: string | undefined;
}

/** Splits options into runs that share a group (ungrouped options form runs of their own). */
function groupOptions(options: SelectOption[]): { group?: string | undefined; options: SelectOption[] }[] {
  const runs: { group?: string | undefined; options: SelectOption[] }[] = [];
  for (const option of options) {
    const last = runs[runs.length - 1];
    if (last && last.group === option.group) last.options.push(option);
    else runs.push({ group: option.group, options: [option] });
  }
  return runs;
}

/** A labelled <select> over value/label options. */
export function SelectField({
  label,
  field,
  error,
  hint,
  options,
  placeholder,
  ...select
}: FieldProps &
  SelectHTMLAttributes<HTMLSelectElement> & {
    /** Consecutive options with the same `group` are shown under one <optgroup>. */
    options: SelectOption[];
    /** A first, empty choice (e.g. "Any"). */
    placeholder?: string;
  }) {
  const ids = useFieldIds({ label, field, error, hint }, select.id);
  // What the person chose in an uncontrolled select (and the default it replaced), so that a remount for late
  // options keeps the choice; a new default from the screen wins over it.
  const chosen = useRef<{ value: string; over: unknown } | undefined>(undefined);
  const uncontrolled = select.value === undefined;
  const keep = uncontrolled && !select.multiple && chosen.current?.over === select.defaultValue;
  return (
    <Wrapper label={label} hint={hint} ids={ids} required={select.required}>
      <select
        {...select}
        // An uncontrolled select applies defaultValue only when it mounts: remount once the options have loaded,
        // with the person's own choice if they made one before the last options came.
        key={uncontrolled ? options.length : undefined}
        {...(keep && chosen.current ? { defaultValue: chosen.current.value } : {})}
        onChange={(event) => {
          chosen.current = { value: event.target.value, over: select.defaultValue };
          select.onChange?.(event);
        }}
        id={ids.controlId}
        aria-describedby={ids.describedBy}
        aria-invalid={ids.message ? true : undefined}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {groupOptions(options).map((run) =>
          run.group === undefined ? (
            run.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))
          ) : (
            <optgroup key={`group-${run.group}`} label={run.group}>
              {run.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ),
        )}
      </select>
    </Wrapper>
  );
}

/** A checkbox with its label after it. */
export function CheckboxField({ label, ...input }: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  const generated = useId();
  const id = input.id ?? generated;
  return (
    <div className="checkbox-field">
      <input type="checkbox" {...input} id={id} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
