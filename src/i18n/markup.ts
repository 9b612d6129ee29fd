/**
 * Language marks in the page (WCAG 3.1.2): text in another language than its page's carries its own `lang`, so a
 * screen reader speaks it with the right voice and the browser hyphenates it right.
 */
import { withPhoneNumbers } from "../markdown/red-flags.ts";
import { primaryLanguage } from "./strings.ts";

/** ` lang="en"` when `textLang` differs from `pageLang` (by language, not region), else nothing. */
export function langAttribute(textLang: string, pageLang: string): string {
  return primaryLanguage(textLang) === primaryLanguage(pageLang) ? "" : ` lang="${textLang.replace(/[^A-Za-z0-9-]/g, "")}"`;
}

/** A clinic value as HTML: escaped, phone numbers kept whole, marked when in another language than the page. */
export function localizedHtml(value: { text: string; lang: string } | undefined, pageLang: string, phones = true): string {
  if (!value) return "";
  // Phone numbers become tel: links only where the value is a phone line (after hours); an address's house number
  // or a site title's digits are not phone numbers.
  const html = phones ? withPhoneNumbers(value.text) : escapeHtml(value.text);
  const attribute = langAttribute(value.lang, pageLang);
  return attribute ? `<span${attribute}>${html}</span>` : html;
}

/** JSON for a `<script type="application/json">` block: `<` escaped, so no `</script>` can end it early. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/**
 * An interface string as HTML, for a sentence that holds markup (a link, a key): the string is escaped, and each
 * `{name}` is filled with `html[name]` as given (the template builds it, escaping any text in it).
 */
export function fillHtml(text: string, html: Record<string, string | number | undefined>): string {
  return escapeHtml(text).replace(/\{(\w+)\}/g, (whole, name: string) => (html[name] === undefined ? whole : String(html[name])));
}
