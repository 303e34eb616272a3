// Merge fields of response templates: which {{fieldName}} placeholders a template uses, which of them civicdesk
// knows how to fill, and the merge itself. A field left without a value stays visible as [fieldName] so that a
// letter never goes out with a silently empty gap. Pure: no I/O.

/** The merge fields civicdesk fills from a case, its person, its unit and the agency. */
export const KNOWN_MERGE_FIELDS = [
  'trackingNumber',
  'firstName',
  'lastName',
  'agencyName',
  'subjectName',
  'firstResponseDue',
  'resolutionDue',
  'statusUrl',
  'caseworkerName',
  'responseText',
  'receivedDate',
] as const;

export type MergeFieldName = (typeof KNOWN_MERGE_FIELDS)[number];

export interface MergeResult {
  text: string;
  /** Fields the text uses but `values` had no value for, each once, in order of first use. */
  unknownFields: string[];
  /** Fields the text uses whose value is empty (or only spaces): the merged text has a gap there. */
  emptyFields: string[];
}

// Spaces inside the braces are tolerated ("{{ firstName }}") because people type templates by hand.
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;
const known = new Set<string>(KNOWN_MERGE_FIELDS);

/** The names of the {{fields}} used in `text`, each once, in order of first use. */
export function templateFieldNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** The fields used in `text` that are not among the known merge fields. */
export function unknownMergeFields(text: string): string[] {
  return templateFieldNames(text).filter((name) => !known.has(name));
}

/** Whether `name` is one of the known merge fields. */
export function isKnownMergeField(name: string): name is MergeFieldName {
  return known.has(name);
}

/**
 * Replaces each {{fieldName}} with its value in one pass (a value that itself contains braces is not expanded
 * again); a field without a value becomes a visible [fieldName] marker and is reported.
 */
export function mergeFields(text: string, values: Readonly<Record<string, string>>): MergeResult {
  const unknownFields: string[] = [];
  const emptyFields: string[] = [];
  const merged = text.replace(PLACEHOLDER, (_placeholder, name: string) => {
    // Own properties only: a field named "constructor" must not pick up Object.prototype.constructor.
    const value = Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
    if (typeof value === 'string') {
      if (value.trim() === '' && !emptyFields.includes(name)) emptyFields.push(name);
      return value;
    }
    if (!unknownFields.includes(name)) unknownFields.push(name);
    return `[${name}]`;
  });
  return { text: merged, unknownFields, emptyFields };
}
