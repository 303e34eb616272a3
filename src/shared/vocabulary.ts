// The words civicdesk's server and console share: the kinds of writer a case comes from, the built-in channel types
// (the kinds of door; channels themselves are configured per agency), the priorities, and how each reads in a
// sentence. Defined here once; pure data, no I/O.

/** Who wrote in: the public, someone on their behalf, an advocate organisation, an elected official's office, media. */
export const WRITER_TYPES = ['constituent', 'representative', 'advocate', 'elected_official', 'media'] as const;
export type WriterType = (typeof WRITER_TYPES)[number];

export const WRITER_TYPE_LABELS: Record<WriterType, string> = {
  constituent: 'Constituent',
  representative: 'On behalf of someone',
  advocate: 'Advocate organisation',
  elected_official: 'Elected official',
  media: 'Media',
};

/** The built-in channel types every agency has; hotlines and other run-time channels are configured per agency. */
export const CHANNEL_TYPES = [
  'email',
  'letter',
  'web',
  'phone',
  'hotline',
  '311',
  'walk_in',
  'fax',
  'social_media',
  'community_meeting',
] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const CHANNEL_LABELS: Record<ChannelType, string> = {
  '311': '311',
  email: 'Email',
  letter: 'Letter',
  web: 'Web form',
  phone: 'Phone',
  hotline: 'Hotline',
  walk_in: 'Walk-in',
  fax: 'Fax',
  social_media: 'Social media',
  community_meeting: 'Community meeting',
};

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** True for a built-in channel type. */
export function isChannelType(value: string): value is ChannelType {
  return (CHANNEL_TYPES as readonly string[]).includes(value);
}

/** True for a writer type. */
export function isWriterType(value: string): value is WriterType {
  return (WRITER_TYPES as readonly string[]).includes(value);
}

/** How a channel type reads ('walk_in' → 'Walk-in'); an unknown one as itself. */
export function channelLabel(channel: string): string {
  return isChannelType(channel) ? CHANNEL_LABELS[channel] : channel;
}

/** How a writer type reads ('representative' → 'On behalf of someone'); an unknown one as itself. */
export function writerTypeLabel(writerType: string): string {
  return isWriterType(writerType) ? WRITER_TYPE_LABELS[writerType] : writerType;
}

/** What kind of contact a case is: a case, or an inquiry about a program case (the ombudsperson's office). */
export const CASE_KINDS = ['case', 'inquiry'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** A name with its code for a list ("Shelter Services (SHS)"), without repeating a code the name already shows. */
export function nameWithCode(name: string, code: string): string {
  const shown = name.toLowerCase();
  const lower = code.toLowerCase();
  return shown === lower || shown.includes(`(${lower})`) ? name : `${name} (${code})`;
}
