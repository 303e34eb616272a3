// Shown after sign-in when the account must choose a new password (first sign-in, or reset by an administrator).
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { useSession } from '../../session.tsx';
import { TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { useAnnounce } from '../../components/announcer.tsx';

/** Change the password before going on. */
export function ChangePasswordScreen() {
  const { passwordChanged, signOut } = useSession();
  const announce = useAnnounce();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    document.title = 'Choose a new password — civicdesk';
  }, []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const newPassword = String(form.get('newPassword'));
    if (newPassword !== String(form.get('confirmPassword'))) {
      setError(new Error('The two new passwords are not the same.'));
      return;
    }
    try {
      await api('POST', '/auth/password', { currentPassword: String(form.get('currentPassword')), newPassword });
      announce('Password changed.');
      passwordChanged();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <main id="main" className="sign-in">
      <div className="sign-in-card">
        <p className="brand">civicdesk</p>
        <h1>Choose a new password</h1>
        <p>Your account needs a new password before you go on.</p>
        <form onSubmit={submit} noValidate>
          <FormError error={error} />
          <TextField
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            field="currentPassword"
            error={error}
          />
          <TextField
            label="New password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            minLength={12}
            hint="At least 12 characters; not a common password, nor your name or email. A few unrelated words work well."
            field="newPassword"
            error={error}
          />
          <TextField
            label="Repeat the new password"
            name="confirmPassword"
            type="password"
            autoComplete="new-password"
            required
          />
          <div className="actions">
            <button type="submit" className="button-primary">
              Change password
            </button>
            <button type="button" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        </form>
      </div>
    </main>
  );
}
