/**
 * Interface strings: the words the templates and the help box print around the authors' text ("Questions?
 * Call", "Scan to read online", the help levels' titles). They live in templates/i18n/<lang>.yaml so a new
 * language is a file, not code. The document's `lang` picks the file (es-MX tries es-MX.yaml, then es.yaml);
 * any string a file lacks comes from en.yaml, so a half-translated file still prints a whole sheet.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import yaml from "js-yaml";

const I18N_DIR = path.join(import.meta.dirname, "..", "..", "templates", "i18n");
export const FALLBACK_LANG = "en";

type Tree = { [key: string]: string | Tree };
const loaded = new Map<string, Tree | undefined>();

function load(lang: string): Tree | undefined {
  if (!loaded.has(lang)) {
    const file = path.join(I18N_DIR, `${lang}.yaml`);
    // Language tags are plain letters, digits and hyphens (the schema checks `lang`), so no path escapes here.
    const data = /^[A-Za-z0-9-]+$/.test(lang) && existsSync(file) ? yaml.load(readFileSync(file, "utf8")) : undefined;
    loaded.set(lang, data && typeof data === "object" ? (data as Tree) : undefined);
  }
  return loaded.get(lang);
}

function lookup(tree: Tree | undefined, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split(".")) node = node && typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

/** The string `key` (dotted, like `sheet.scan`) in `lang`, with `{name}` filled from `values`. */
export function translate(key: string, lang: string | undefined, values: Record<string, string | number | undefined> = {}): string {
  const tags = lang ? [lang, lang.split("-")[0]!] : [];
  let text: string | undefined;
  for (const tag of [...tags, FALLBACK_LANG]) {
    text = lookup(load(tag), key);
    if (text !== undefined) break;
  }
  if (text === undefined) throw new Error(`interface string \`${key}\` is missing from templates/i18n/${FALLBACK_LANG}.yaml`);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (values[name] === undefined ? whole : String(values[name])));
}

/** Forget loaded files (the dev server re-reads them after an edit). */
export function reloadStrings(): void {
  loaded.clear();
}
