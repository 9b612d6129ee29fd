/**
 * The topic's sources page (parts-print), at /sources/<topic>/: every reference of the topic (its references
 * file, content/_data/references/<topic>.yaml) with the documents that cite it, its own and any other topic's
 * that cites it explicitly (`[@topic/R01]`). A patient's printed sheet carries no citation marks or source list; its "How we checked this" line
 * and the site point here instead.
 */
import path from "node:path";
import { nameLookups, type Content, type ContentDocument, type NameLookups } from "../content/load-content.ts";
import { splitName } from "../content/names.ts";
import { RED_FLAGS_INCLUDE, signsFor } from "../content/red-flags.ts";
import type { Reference } from "../content/schema.ts";
import { documentUrl, placeOf } from "../content/urls.ts";
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

/**
 * The references a document cites, as (topic, key) pairs written `topic/KEY`: in its body, in the snippets it
 * includes (found as the renderer finds them, its own topic first), and in the warning signs its box shows. A
 * plain key is its own topic's; `[@other-topic/R01]` is that topic's.
 */
export function documentCitations(content: Content, doc: ContentDocument, names: Pick<NameLookups, "snippet"> = nameLookups(content)): Set<string> {
  const keys = new Set<string>();
  const env = { page: { inputPath: path.join(path.dirname(path.resolve(content.contentDir)), doc.source) } };
  const add = (key: string): void => {
    const { topic, name } = splitName(key);
    keys.add(`${topic ?? doc.topic}/${name}`);
  };
  for (const { key } of findCitations(doc.body)) add(key);
  const seen = new Set<string>();
  const visit = (body: string, insideTopic: string | undefined): void => {
    for (const { name } of findSnippetIncludes(body)) {
      if (name === RED_FLAGS_INCLUDE) {
        const topic = content.redFlags.get(doc.topic);
        if (topic && doc.data.redFlags) for (const level of Object.values(signsFor(topic, doc.data.redFlags))) for (const sign of level) for (const key of sign.cite) add(key);
        continue;
      }
      const snippet = names.snippet(name, env, insideTopic);
      if (!snippet || typeof snippet === "string" || seen.has(snippet.file)) continue;
      seen.add(snippet.file);
      for (const { key } of findCitations(snippet.text)) add(key);
      visit(snippet.text, snippet.topic);
    }
  };
  visit(doc.body, undefined);
  return keys;
}

/** Every reference of a topic's references file, each with the documents (of any topic) that cite it. */
export function topicSources(content: Content, topic: string, names: Pick<NameLookups, "snippet"> = nameLookups(content)): TopicSource[] {
  const own = content.referencesByTopic.get(topic) ?? new Map<string, Reference>();
  const citing = new Map<string, TopicSource["citedBy"]>();
  for (const doc of content.documents) {
    for (const cited of documentCitations(content, doc, names)) {
      const { topic: citedTopic, name: key } = splitName(cited);
      if (citedTopic !== topic || !own.has(key)) continue;
      const list = citing.get(key) ?? [];
      list.push({ title: doc.data.title, url: documentUrl(placeOf(doc, content.mainLang)), kind: doc.data.kind, lang: doc.lang });
      citing.set(key, list);
    }
  }
  return [...own].map(([key, reference]) => ({ key, reference, citedBy: (citing.get(key) ?? []).sort((a, b) => a.url.localeCompare(b.url)) }));
}
