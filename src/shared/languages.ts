// The languages civicdesk serves: English and the ten languages of New York City's Local Law 30 (2017).
// Arabic and Urdu are written right to left.

export const LANGUAGES = [
  { code: 'en', name: 'English', nativeName: 'English', rtl: false },
  { code: 'es', name: 'Spanish', nativeName: 'Español', rtl: false },
  { code: 'zh', name: 'Chinese', nativeName: '中文', rtl: false },
  { code: 'ru', name: 'Russian', nativeName: 'Русский', rtl: false },
  { code: 'bn', name: 'Bengali', nativeName: 'বাংলা', rtl: false },
  { code: 'ht', name: 'Haitian Creole', nativeName: 'Kreyòl ayisyen', rtl: false },
  { code: 'ko', name: 'Korean', nativeName: '한국어', rtl: false },
  { code: 'ar', name: 'Arabic', nativeName: 'العربية', rtl: true },
  { code: 'ur', name: 'Urdu', nativeName: 'اردو', rtl: true },
  { code: 'fr', name: 'French', nativeName: 'Français', rtl: false },
  { code: 'pl', name: 'Polish', nativeName: 'Polski', rtl: false },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];

export const LANGUAGE_CODES: readonly string[] = LANGUAGES.map((l) => l.code);

/** True for a language code civicdesk serves. */
export function isLanguageCode(code: string): code is LanguageCode {
  return LANGUAGE_CODES.includes(code);
}
