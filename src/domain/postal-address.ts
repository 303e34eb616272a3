// Whether an address can carry a letter: a street line and a city/postcode line (given on separate lines or as
// "street, city, ST zip"), with a house number or postcode somewhere. Pure: the reason is said in plain words.

/** Why a letter cannot be mailed to this address, or null when it can. */
export function postalAddressProblem(address: string | null | undefined): string | null {
  const text = (address ?? '').trim();
  if (!text) return 'the person has no postal address';
  const lines = text
    .split(/\r?\n|,/)
    .map((part) => part.trim())
    .filter(Boolean);
  if (lines.length < 2) return `the address "${text}" has only one line; a letter needs the street and the city`;
  if (!/\d/.test(text)) return `the address "${text}" has no house number or postcode`;
  return null;
}
