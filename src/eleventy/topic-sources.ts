/**
 * The topic's sources page (parts-print), at /sources/<topic>/: every reference of the topic (its references
 * file, content/_data/references/<topic>.yaml, plus any other key its documents cite) with the documents that
 * cite it. A patient's printed sheet carries no citation marks or source list; its "How we checked this" line
 * and the site point here instead.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import type { Content, ContentDocument } from "../content/load-content.ts";
import { RED_FLAGS_INCLUDE, signsFor } from "../content/red-flags.ts";
import type { Reference } from "../content/schema.ts";
import { documentUrl } from "../content/urls.ts";
import { findCitations, findSnippetIncludes } from "../markdown/syntax.ts";

export interface TopicSource {
  key: string;
  reference: Reference;
  citedBy: { title: string; url: string; kind: string; lang: string }[];
}

/** "bone-marrow-edema" → "Bone marrow edema", until topics carry a title of their own. */
export function topicTitle(topic: string): string {
  const words = topic.replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The keys a document cites: in its body, in the snippets it includes, and in the warning signs its box shows. */
export function documentCitations(content: Content, doc: ContentDocument, readSnippet: (name: string) => string | undefined): Set<string> {
  const keys = new Set(findCitations(doc.body).map((c) => c.key));
  const seen = new Set<string>();
  const visit = (body: string): void => {
    for (const { name } of findSnippetIncludes(body)) {
      if (name === RED_FLAGS_INCLUDE) {
        const topic = content.redFlags.get(doc.topic);
        if (topic && doc.data.redFlags) for (const level of Object.values(signsFor(topic, doc.data.redFlags))) for (const sign of level) for (const key of sign.cite) keys.add(key);
        continue;
      }
      if (seen.has(name)) continue;
      seen.add(name);
      const text = readSnippet(name);
      if (text === undefined) continue;
      for (const { key } of findCitations(text)) keys.add(key);
      visit(text);
    }
  };
  visit(doc.body);
  return keys;
}

export function topicSources(content: Content, topic: string, readSnippet: (name: string) => string | undefined): TopicSource[] {
  const file = ["yaml", "yml"].map((ext) => path.join(content.contentDir, "_data", "references", `${topic}.${ext}`)).find((f) => existsSync(f));
  const own = file ? Object.keys((yaml.load(readFileSync(file, "utf8")) as Record<string, unknown> | null) ?? {}) : [];
  const citing = new Map<string, TopicSource["citedBy"]>();
  for (const doc of content.documents.filter((d) => d.topic === topic)) {
    for (const key of documentCitations(content, doc, readSnippet)) {
      const list = citing.get(key) ?? [];
      list.push({ title: doc.data.title, url: documentUrl(doc.data.kind, doc.slug, doc.topic), kind: doc.data.kind, lang: doc.data.lang });
      citing.set(key, list);
    }
  }
  const keys = [...new Set([...own, ...citing.keys()])].filter((key) => content.references.has(key));
  return keys.map((key) => ({ key, reference: content.references.get(key)!, citedBy: (citing.get(key) ?? []).sort((a, b) => a.url.localeCompare(b.url)) }));
}
