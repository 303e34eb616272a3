// The queues a caseworker works from: the address slug, the title, and the API's queue filter behind each.

export interface QueueDefinition {
  slug: string;
  title: string;
  /** The API's queue= value; none for "All". */
  apiQueue?: string;
}

export const QUEUE_DEFINITIONS: QueueDefinition[] = [
  { slug: 'mine', title: 'Mine', apiQueue: 'mine' },
  { slug: 'my-unit', title: 'My unit', apiQueue: 'unit' },
  { slug: 'unassigned', title: 'Unassigned', apiQueue: 'unassigned' },
  { slug: 'due-today', title: 'Due today', apiQueue: 'due_today' },
  { slug: 'overdue', title: 'Overdue', apiQueue: 'overdue' },
  { slug: 'escalated', title: 'Escalated', apiQueue: 'escalated' },
  { slug: 'elected-officials', title: 'Elected officials', apiQueue: 'elected_official' },
  { slug: 'all', title: 'All' },
];

/** The queue for an address slug (unknown slugs show All). */
export function queueBySlug(slug: string): QueueDefinition {
  return QUEUE_DEFINITIONS.find((q) => q.slug === slug) ?? QUEUE_DEFINITIONS[QUEUE_DEFINITIONS.length - 1]!;
}
