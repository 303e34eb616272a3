// Shows why a request failed, read out at once (role="alert"); field messages also appear next to their inputs.
import { ApiError } from '../api/client.ts';

/** The error's message, or nothing. */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const fields = error instanceof ApiError && error.details.length > 1 ? error.details : [];
  return (
    <div className="form-error" role="alert">
      <p>{message}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((d) => (
            <li key={`${d.field}:${d.message}`}>
              {d.field}: {d.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
