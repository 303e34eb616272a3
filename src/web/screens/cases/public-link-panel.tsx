// The constituent's public status link: staff create it to give out by phone or in a letter. The address and its
// access code are shown once, right after they are asked for, to copy; the page does not keep them.
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { CaseRecord } from '../../api/types.ts';
import type { PublicLink } from '../../../shared/cases.ts';
import { useAnnounce } from '../../components/announcer.tsx';
import { FormError } from '../../components/form-error.tsx';

/** The "Status link for the constituent" panel of the case's actions tab. */
export function PublicLinkPanel({ current: c }: { current: CaseRecord }) {
  const tn = c.trackingNumber;
  const announce = useAnnounce();
  const create = useMutation({
    mutationFn: () => api<PublicLink>('POST', `/cases/${encodeURIComponent(tn)}/public-link`),
    onSuccess: () => announce('Status link ready to copy.'),
  });
  return (
    <section className="panel" aria-labelledby="public-link-heading">
      <h3 id="public-link-heading">Status link for the constituent</h3>
      <p>The constituent can follow this case on the public status page with this address and access code.</p>
      <FormError error={create.error} />
      {create.data ? (
        <div className="notice">
          <p>Copy it now to give to the constituent; it is not kept on this page.</p>
          <p>
            Address: <code className="secret">{create.data.url}</code>
          </p>
          <p>
            Access code: <code className="secret">{create.data.accessCode}</code>
          </p>
          <button type="button" onClick={() => create.reset()}>
            Hide the link
          </button>
        </div>
      ) : (
        <button type="button" disabled={create.isPending} onClick={() => create.mutate()}>
          Show the status link
        </button>
      )}
    </section>
  );
}
