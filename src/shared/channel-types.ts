// The kinds of door a case can come through. Hotlines and other run-time channels are configured per agency;
// these are the built-in types every agency has.

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

/** True for a built-in channel type. */
export function isChannelType(value: string): value is ChannelType {
  return (CHANNEL_TYPES as readonly string[]).includes(value);
}
