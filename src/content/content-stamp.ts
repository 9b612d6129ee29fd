/**
 * A short, stable fingerprint of the words that shaped a document: its own Markdown body plus every snippet it
 * includes, found as the renderer finds them (the topic's own snippet over a shared one, src/content/names.ts).
 * Printed in a handout's footer, it lets anyone trace a sheet in a patient's hand back to the exact text (search
 * the repository history for the stamp in output/manifest.json).
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { findSnippetIncludes } from "../markdown/syntax.ts";
import { normaliseText, readText } from "./read-text.ts";
import { listSnippets, resolveSnippet } from "./names.ts";

/** `topic`: the document's topic, whose snippets come first; without it only shared snippets are found. */
export function contentStamp(contentDir: string, body: string, topic?: string): string {
  const hash = createHash("sha256").update(normaliseText(body));
  const snippets = listSnippets(contentDir);
  const seen = new Set<string>();
  const addSnippets = (text: string, fromTopic: string | undefined): void => {
    for (const { name } of findSnippetIncludes(text)) {
      const found = resolveSnippet(snippets, fromTopic, name, (file) => path.relative(contentDir, file)).found;
      // Each snippet once, named as written (so a stamp stays the same as long as the words do).
      const key = found?.file ?? `missing:${name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      let snippet = "";
      try {
        snippet = found ? readText(found.file) : "";
      } catch {
        snippet = "";
      }
      hash.update(`\0${name}\0${snippet}`);
      addSnippets(snippet, found?.topic ?? fromTopic);
    }
  };
  addSnippets(body, topic);
  return hash.digest("hex").slice(0, 10);
}
