// The sign-in screen: email and password; a refusal is read out and focus stays in the form.
import { useEffect, useState, type FormEvent } from 'react';
import { useSession } from '../../session.tsx';
import { TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';

/** Sign in to the console. */
export function SignInScreen() {
  const { signIn } = useSession();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = 'Sign in — civicdesk';
  }, []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await signIn(String(form.get('email')), String(form.get('password')));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <main id="main" className="sign-in">
      <div className="sign-in-card">
        <p className="brand">civicdesk</p>
        <h1>Sign in</h1>
        <form onSubmit={submit} noValidate>
          <FormError error={error} />
          <TextField
            label="Email"
            name="email"
            type="email"
            autoComplete="username"
            required
            field="email"
            error={error}
          />
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            field="password"
            error={error}
          />
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
