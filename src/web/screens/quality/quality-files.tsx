// Files on quality records in the console: a list of files to download (with who added them, and a Remove button
// where the server says the reader may remove them) and an upload form that sends one file as multipart. Used by the
// procedure screen (files of a version) and the plan screen (evidence of an action).
import type { FormEvent, ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useAnnounce } from '../../components/announcer.tsx';
import { TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { formatDateTime } from '../../format.ts';
import type { QualityFile } from '../../../shared/quality.ts';
import { QUALITY_KEY } from './use-quality.ts';

/** A file's size in KB or MB. */
export function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
}

/** The files, each a download link; `base` is the API path the file ids hang from (e.g. /procedures/4/files). */
export function FileList({ files, base, empty }: { files: QualityFile[]; base: string; empty: string }) {
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const remove = useMutation({
    mutationFn: (file: QualityFile) => api('DELETE', `${base}/${file.id}`),
    onSuccess: (_, file) => {
      announce(`“${file.filename}” removed.`);
      void queryClient.invalidateQueries({ queryKey: QUALITY_KEY });
    },
  });
  if (files.length === 0) return <p>{empty}</p>;
  return (
    <>
      <FormError error={remove.error} />
      <ul className="plain-list file-list">
        {files.map((f) => (
          <li key={f.id}>
            <a href={`/api/v1${base}/${f.id}`} download={f.filename}>
              {f.filename}
            </a>{' '}
            <span className="small">
              ({fileSize(f.sizeBytes)}) · {f.uploadedByName ?? 'unknown'}, {formatDateTime(f.uploadedAt)}
            </span>
            {f.canDelete && (
              <button
                type="button"
                className="button-quiet"
                disabled={remove.isPending}
                onClick={() => remove.mutate(f)}
              >
                Remove<span className="visually-hidden"> “{f.filename}”</span>
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/** A form that uploads one file to `path`; `children` may add fields above the file (e.g. which action). */
export function FileUpload({
  path,
  heading,
  label,
  children,
}: {
  /** The upload path, or a function of the form's data (when a field chooses where the file goes). */
  path: string | ((form: FormData) => string);
  heading: string;
  label: string;
  children?: ReactNode;
}) {
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const upload = useMutation({
    mutationFn: (form: FormData) => {
      const to = typeof path === 'function' ? path(form) : path;
      const body = new FormData();
      body.append('file', form.get('file') as File);
      return api<QualityFile>('POST', to, body);
    },
    onSuccess: (file) => {
      announce(`“${file.filename}” added.`);
      void queryClient.invalidateQueries({ queryKey: QUALITY_KEY });
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const target = event.currentTarget;
    const form = new FormData(target);
    upload.mutate(form, { onSuccess: () => target.reset() });
  };
  const headingId = `${heading.replace(/\W+/g, '-').toLowerCase()}-heading`;
  return (
    <form className="panel" onSubmit={submit} aria-labelledby={headingId}>
      <h3 id={headingId}>{heading}</h3>
      <FormError error={upload.error} />
      {children}
      <TextField
        label={label}
        name="file"
        type="file"
        required
        hint="PDF, images, text or Office documents."
        field="file"
        error={upload.error}
      />
      <button type="submit" disabled={upload.isPending}>
        Upload
      </button>
    </form>
  );
}
