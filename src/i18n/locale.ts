/**
 * Which locale formats a document's dates and numbers, and which clinic value (given per language) it prints.
 *
 * The rule (docs/authoring.md, "Languages"): a document in the clinic's own language uses the clinic's locale
 * (`en-GB` clinic, English page: "15 November 2026"). A document in another language uses its own tag when that
 * names a region (`es-MX`); otherwise its language with the clinic's region (`es` in an `en-US` clinic →
 * `es-US`), so a clinic's Spanish pages follow its country; a language Intl does not know with that region is
 * used alone.
 */
import { primaryLanguage } from "./strings.ts";

const regionOf = (tag: string): string | undefined => {
  try {
    return new Intl.Locale(tag).region;
  } catch {
    return undefined;
  }
};

export function documentLocale(lang: string | undefined, clinicLocale: string): string {
  if (!lang) return clinicLocale;
  if (regionOf(lang)) return lang;
  if (primaryLanguage(lang) === primaryLanguage(clinicLocale)) return clinicLocale;
  const region = regionOf(clinicLocale);
  const candidate = region ? `${lang}-${region}` : lang;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([candidate]).length ? candidate : lang;
  } catch {
    return lang;
  }
}

/** The site's main language: the language part of the clinic's locale (`en-US` → `en`). */
export const mainLanguage = (clinicLocale: string): string => primaryLanguage(clinicLocale);

/** A clinic value written once (`"555-0199"`) or per language (`{ en: "...", es: "..." }`). */
export type PerLanguage = string | Record<string, string>;

/**
 * The value for a document in `lang`: its own language's, else the main language's (then `lang` says which
 * language the text is in, so the page can mark it). A plain string is in the main language.
 */
export function valueIn(value: PerLanguage | undefined, lang: string | undefined, main: string): { text: string; lang: string } | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return { text: value, lang: main };
  const wanted = lang ? [lang, primaryLanguage(lang)] : [];
  for (const tag of [...wanted, main]) if (value[tag] !== undefined) return { text: value[tag]!, lang: primaryLanguage(tag) };
  const first = Object.entries(value)[0];
  return first ? { text: first[1], lang: first[0] } : undefined;
}
