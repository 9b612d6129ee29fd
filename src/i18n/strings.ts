/**
 * Interface strings: every word the templates, scripts, PDFs and decks print around the authors' text
 * ("Questions? Call", "Scan to read online", "Page 2 of 3", the help levels' titles). They live in
 * templates/i18n/<lang>.yaml so a new language is a file, not code. The document's `lang` picks the file (es-MX
 * tries es-MX.yaml, then es.yaml). A string a file lacks comes from en.yaml, so a half-translated file still
 * prints a whole sheet; that English is unmarked in the page, so each such string is reported once per build
 * (a warning naming the file and the key to add), and a test holds every shipped file complete.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import yaml from "js-yaml";

export const I18N_DIR = path.join(import.meta.dirname, "..", "..", "templates", "i18n");
export const FALLBACK_LANG = "en";

export type Tree = { [key: string]: string | Tree };
const loaded = new Map<string, Tree | undefined>();
const warned = new Set<string>();

/** Where fallback warnings go (the build's console; a test may listen). */
let warn: (message: string) => void = (message) => console.warn(message);
export function onFallback(listener: (message: string) => void): () => void {
  const before = warn;
  warn = listener;
  return () => {
    warn = before;
  };
}

function load(lang: string): Tree | undefined {
  if (!loaded.has(lang)) {
    const file = path.join(I18N_DIR, `${lang}.yaml`);
    // Language tags are plain letters, digits and hyphens (the schema checks `lang`), so no path escapes here.
    const data = /^[A-Za-z0-9-]+$/.test(lang) && existsSync(file) ? yaml.load(readFileSync(file, "utf8")) : undefined;
    loaded.set(lang, data && typeof data === "object" ? (data as Tree) : undefined);
  }
  return loaded.get(lang);
}

function lookup(tree: Tree | undefined, key: string): string | Tree | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split(".")) node = node && typeof node === "object" ? node[part] : undefined;
  return node;
}

/** The files a language tag reads, most specific first: es-MX → es-MX, es. */
function tagsOf(lang: string | undefined): string[] {
  if (!lang) return [];
  const primary = lang.split("-")[0]!;
  return primary === lang ? [lang] : [lang, primary];
}

/** The language part of a tag: `en-US` → `en`. */
export const primaryLanguage = (tag: string): string => tag.split("-")[0]!.toLowerCase();

/** The raw string `key` in `lang`, and the language it actually came from. */
export function rawString(key: string, lang: string | undefined): { text: string; lang: string } {
  for (const tag of [...tagsOf(lang), FALLBACK_LANG]) {
    const text = lookup(load(tag), key);
    if (typeof text === "string") {
      if (lang && tag === FALLBACK_LANG && primaryLanguage(lang) !== FALLBACK_LANG) fellBack(key, lang);
      return { text, lang: tag };
    }
  }
  throw new Error(`interface string \`${key}\` is missing from templates/i18n/${FALLBACK_LANG}.yaml`);
}

function fellBack(key: string, lang: string): void {
  const primary = primaryLanguage(lang);
  const fileExists = Boolean(load(primary) || load(lang));
  // A missing key is said once per key; a missing file once per language (not once per string it would hold).
  const id = fileExists ? `${primary}\u0000${key}` : `${primary}\u0000*`;
  if (warned.has(id)) return;
  warned.add(id);
  const file = `templates/i18n/${primary}.yaml`;
  warn(
    fileExists
      ? `${file}: no string \`${key}\`; its pages in \`${lang}\` print it in English. Add \`${key}\` to ${file} (copy it from en.yaml and translate it).`
      : `${file} does not exist: pages in \`${lang}\` print their interface in English. Copy templates/i18n/en.yaml to ${file} and translate it.`,
  );
}

/** Fills `{name}` from `values`; a name without a value stays as written. */
export function fill(text: string, values: Record<string, string | number | undefined> = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (values[name] === undefined ? whole : String(values[name])));
}

/** The string `key` (dotted, like `sheet.scan`) in `lang`, with `{name}` filled from `values`. */
export function translate(key: string, lang: string | undefined, values: Record<string, string | number | undefined> = {}): string {
  return fill(rawString(key, lang).text, values);
}

/** Every key of a strings tree, dotted, in file order. */
export function flatKeys(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([name, value]) => (typeof value === "string" ? [`${prefix}${name}`] : flatKeys(value, `${prefix}${name}.`)));
}

/**
 * The strings under `prefix` (`deck.script`) in `lang`, as a flat object for a page's scripts, which read them
 * from a `<script type="application/json">` block (no inline script: the Content-Security-Policy holds).
 */
export function stringGroup(prefix: string, lang: string | undefined): Record<string, string> {
  const english = lookup(load(FALLBACK_LANG), prefix);
  if (!english || typeof english !== "object") throw new Error(`interface strings \`${prefix}\` are missing from templates/i18n/${FALLBACK_LANG}.yaml`);
  return Object.fromEntries(flatKeys(english).map((key) => [key, rawString(`${prefix}.${key}`, lang).text]));
}

/** Forget loaded files and warnings (each build, and the dev server after an edit, reads them afresh). */
export function reloadStrings(): void {
  loaded.clear();
  warned.clear();
}
