// File a complaint: who complains and in what role, the program case, how and when it came (with the postmark for
// mail), when the complainant knew of the action, and the issues by category. The clocks follow the agency settings.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { Static } from '@sinclair/typebox';
import { api } from '../../api/client.ts';
import type { Complaint, ComplaintCategoryListSchema } from '../../../shared/complaints.ts';
import { SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useAnnounce } from '../../components/announcer.tsx';
import { LANGUAGES, agencyToday } from '../../format.ts';

type Categories = Static<typeof ComplaintCategoryListSchema>;

const roleOptions = [
  { value: 'custodial_party', label: 'Custodial party' },
  { value: 'noncustodial_parent', label: 'Noncustodial parent' },
  { value: 'authorized_representative', label: 'Authorized representative' },
];
const channelOptions = [
  { value: 'in_person', label: 'In person' },
  { value: 'phone', label: 'Phone' },
  { value: 'mail', label: 'Mail' },
  { value: 'email', label: 'Email' },
  { value: 'web', label: 'Web' },
  { value: 'transfer', label: 'Transfer from another county' },
];
const languageOptions = LANGUAGES.map((l) => ({ value: l.code, label: `${l.name} (${l.nativeName})` }));

/** Loads the complaint categories (with whether each can go to a state hearing). */
export function useComplaintCategories() {
  return useQuery({
    queryKey: ['complaint-categories'],
    queryFn: () => api<Categories>('GET', '/complaint-categories'),
    staleTime: Infinity,
  });
}

/** The new complaint form. */
export function NewComplaintScreen() {
  const categories = useComplaintCategories();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const [issueCount, setIssueCount] = useState(1);
  const [via, setVia] = useState('in_person');
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<Complaint>('POST', '/complaints', body),
    onSuccess: (created) => {
      queryClient.setQueryData(['complaint', created.complaintNumber], created);
      void queryClient.invalidateQueries({ queryKey: ['complaints'] });
      announce(`Complaint ${created.complaintNumber} filed; resolution due ${created.resolutionDueOn}.`);
      void navigate({ to: '/complaints/$complaintNumber', params: { complaintNumber: created.complaintNumber } });
    },
  });
  const error = create.error;
  const categoryOptions = (categories.data ?? []).map((c) => ({
    value: c.code,
    label: `${c.name}${c.hearingEligible ? '' : ' (no state hearing)'}`,
  }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim();
    const optional = (name: string) => value(name) || undefined;
    create.mutate({
      complainant: {
        firstName: value('firstName'),
        lastName: value('lastName'),
        role: value('role'),
        ...(optional('email') ? { email: value('email') } : {}),
        ...(optional('phone') ? { phone: value('phone') } : {}),
        language: value('language'),
      },
      programCaseNumber: value('programCaseNumber'),
      receivedVia: value('receivedVia'),
      receivedOn: value('receivedOn'),
      ...(optional('postmarkedOn') ? { postmarkedOn: value('postmarkedOn') } : {}),
      ...(optional('knewOfActionOn') ? { knewOfActionOn: value('knewOfActionOn') } : {}),
      ...(optional('lateReason') ? { lateReason: value('lateReason') } : {}),
      ...(optional('caseTrackingNumber') ? { caseTrackingNumber: value('caseTrackingNumber') } : {}),
      issues: Array.from({ length: issueCount }, (_, i) => ({
        category: value(`category${i}`),
        description: value(`description${i}`),
      })),
    });
  };

  return (
    <>
      <PageHeading>New complaint</PageHeading>
      <p>The receipt date, filing window and resolution due date are worked out from the agency&apos;s settings.</p>
      <form className="form-grid" onSubmit={submit} noValidate>
        <FormError error={error} />
        <fieldset>
          <legend>Complainant</legend>
          <div className="field-row">
            <TextField
              label="First name"
              name="firstName"
              autoComplete="off"
              field="complainant.firstName"
              error={error}
            />
            <TextField
              label="Last name"
              name="lastName"
              autoComplete="off"
              field="complainant.lastName"
              error={error}
            />
          </div>
          <div className="field-row">
            <SelectField
              label="Role"
              name="role"
              defaultValue="custodial_party"
              options={roleOptions}
              field="complainant.role"
              error={error}
            />
            <SelectField
              label="Language"
              name="language"
              defaultValue="en"
              options={languageOptions}
              field="complainant.language"
              error={error}
            />
          </div>
          <div className="field-row">
            <TextField
              label="Email"
              name="email"
              type="email"
              autoComplete="off"
              field="complainant.email"
              error={error}
            />
            <TextField
              label="Phone"
              name="phone"
              type="tel"
              autoComplete="off"
              field="complainant.phone"
              error={error}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>The complaint</legend>
          <div className="field-row">
            <TextField
              label="Program case number"
              name="programCaseNumber"
              required
              field="programCaseNumber"
              error={error}
            />
            <TextField
              label="From case (optional)"
              name="caseTrackingNumber"
              hint="The tracking number of the inquiry it comes from; a restricted case keeps the complaint restricted."
              field="caseTrackingNumber"
              error={error}
            />
          </div>
          <div className="field-row">
            <SelectField
              label="Received via"
              name="receivedVia"
              value={via}
              onChange={(e) => setVia(e.target.value)}
              options={channelOptions}
              field="receivedVia"
              error={error}
            />
            <TextField
              label="Received on"
              name="receivedOn"
              type="date"
              defaultValue={agencyToday()}
              required
              field="receivedOn"
              error={error}
            />
          </div>
          <div className="field-row">
            {via === 'mail' && (
              <TextField
                label="Postmarked on"
                name="postmarkedOn"
                type="date"
                hint="Mail counts as received a set number of business days after its postmark."
                field="postmarkedOn"
                error={error}
              />
            )}
            <TextField
              label="Knew of the action on"
              name="knewOfActionOn"
              type="date"
              hint="Starts the filing window."
              field="knewOfActionOn"
              error={error}
            />
          </div>
          <TextField label="Reason for a late filing (if late)" name="lateReason" field="lateReason" error={error} />
        </fieldset>
        {Array.from({ length: issueCount }, (_, i) => (
          <fieldset key={i}>
            <legend>Issue {i + 1}</legend>
            <SelectField
              label="Category"
              name={`category${i}`}
              defaultValue=""
              placeholder="Choose a category"
              options={categoryOptions}
              field={`issues[${i}].category`}
              error={error}
            />
            <TextAreaField
              label="What happened"
              name={`description${i}`}
              rows={3}
              field={`issues[${i}].description`}
              error={error}
            />
          </fieldset>
        ))}
        <div className="actions">
          <button type="button" onClick={() => setIssueCount((n) => n + 1)}>
            Add an issue
          </button>
          <button type="submit" className="primary" disabled={create.isPending}>
            {create.isPending ? 'Filing…' : 'File complaint'}
          </button>
        </div>
      </form>
    </>
  );
}
