/**
 * A short, stable fingerprint of the words that shaped a document: its own Markdown body plus every snippet it
 * includes. Printed in a handout's footer, it lets anyone trace a sheet in a patient's hand back to the exact
 * text (search the repository history for the stamp in output/manifest.json).
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { findSnippetIncludes } from "../markdown/syntax.ts";
import { normaliseText, readText } from "./read-text.ts";

export function contentStamp(contentDir: string, body: string): string {
  const hash = createHash("sha256").update(normaliseText(body));
  const seen = new Set<string>();
  const addSnippets = (text: string): void => {
    for (const { name } of findSnippetIncludes(text)) {
      if (seen.has(name)) continue;
      seen.add(name);
      const file = path.join(contentDir, "_snippets", `${name}.md`);
      const snippet = existsSync(file) ? readText(file) : "";
      hash.update(`\0${name}\0${snippet}`);
      addSnippets(snippet);
    }
  };
  addSnippets(body);
  return hash.digest("hex").slice(0, 10);
}
