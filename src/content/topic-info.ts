/**
 * Topic descriptions: `content/<topic>/_data/topic.yaml` says what a topic folder is about (title, summary, order
 * on the site home, optional notes on who it is for), and `topic.<lang>.yaml` beside it says the same in another
 * language. The site home, the topic homes, the libraries' headings and the sources pages print from them.
 * Read and checked while content loads, so a mistake here comes in the same first round as every other one, as
 * one line with the file, the line and the fix.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { readText } from "./read-text.ts";
import { editionLanguage } from "./language-editions.ts";
import path from "node:path";
import { z } from "zod";
import { ContentError } from "../errors.ts";
import { lineOfKey, parseYaml, schemaErrors } from "./front-matter.ts";
import { checkDataStrings } from "./markdown-safety.ts";
import { topicFolders } from "./topics.ts";

const title = z.string().trim().min(3, "a title of at least 3 characters, like `Plantar heel pain`").max(80, "a title of at most 80 characters");
const summary = z.string().trim().min(10, "a one-line summary of at least 10 characters").max(240, "a one-line summary of at most 240 characters");
const audienceNotes = z.string().trim().min(10, "a sentence of at least 10 characters on who the topic is for").max(400).optional();

export const topicSchema = z.strictObject({
  title,
  summary,
  order: z.number({ error: "a number: topics are listed from the smallest, like 1" }).int("a whole number, like 1").min(0, "a number of 0 or more"),
  audienceNotes,
});

/** A translation says the words again; the order is the topic's, from topic.yaml. */
export const topicTranslationSchema = z.strictObject({ title, summary, audienceNotes });

export type TopicDescription = z.output<typeof topicSchema>;

export interface TopicInfo extends TopicDescription {
  topic: string;
  /** The description file, relative to the folder that holds content/ (for messages). */
  file: string;
  /** The words in other languages, by language tag (from topic.<lang>.yaml). */
  translations: Map<string, z.output<typeof topicTranslationSchema>>;
}

export const TOPIC_FILE = "topic.yaml";

/** What to write in a new topic.yaml: said in full by the error for a missing one. */
const TOPIC_FIELDS = "`title:` (the topic's name for patients), `summary:` (one line on what it covers) and `order:` (a number, its place on the site home), optionally `audienceNotes:`";

/**
 * Every topic folder's description, by topic. A folder without topic.yaml is an error telling the author to add it.
 * `relative` turns a full path into the one messages print.
 */
export function loadTopicInfo(contentDir: string, relative: (file: string) => string): { topics: Map<string, TopicInfo>; errors: ContentError[] } {
  const topics = new Map<string, TopicInfo>();
  const errors: ContentError[] = [];
  for (const topic of topicFolders(contentDir)) {
    const dataDir = path.join(contentDir, topic, "_data");
    const full = path.join(dataDir, TOPIC_FILE);
    const file = relative(full);
    if (!existsSync(full) || !statSync(full).isFile()) {
      errors.push(new ContentError(file, `missing: every topic folder describes itself; create it with ${TOPIC_FIELDS} (see docs/authoring.md, “Topics”)`));
      continue;
    }
    const main = readDescription(file, readText(full), topicSchema);
    errors.push(...main.errors);
    const translations = new Map<string, z.output<typeof topicTranslationSchema>>();
    for (const name of readdirSync(dataDir).sort()) {
      const lang = editionLanguage(name, "topic", "ya?ml");
      if (!lang) continue;
      const translated = readDescription(relative(path.join(dataDir, name)), readText(path.join(dataDir, name)), topicTranslationSchema);
      errors.push(...translated.errors);
      if (translated.value) translations.set(lang, translated.value);
    }
    if (main.value) topics.set(topic, { ...main.value, topic, file, translations });
  }
  return { topics, errors };
}

function readDescription<T extends z.ZodType>(file: string, text: string, schema: T): { value?: z.output<T>; errors: ContentError[] } {
  let raw: unknown;
  try {
    raw = parseYaml(file, text, 1);
  } catch (error) {
    return { errors: [error as ContentError] };
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return { errors: [new ContentError(file, `a topic description is a few fields, one per line: ${TOPIC_FIELDS}`, { line: 1 })] };
  }
  const errors = checkDataStrings(file, raw, (key) => lineOfKey(text, key, 1));
  const result = schema.safeParse(raw);
  if (!result.success) errors.push(...schemaErrors(file, result.error.issues, text, 1, raw));
  return errors.length || !result.success ? { errors } : { value: result.data, errors };
}

/** The topic's words in `lang` (its topic.<lang>.yaml, else the language without region, else topic.yaml). */
export function topicIn(info: TopicInfo, lang: string | undefined): { title: string; summary: string; audienceNotes?: string | undefined; lang: string | undefined } {
  for (const tag of lang ? [lang, lang.split("-")[0]!] : []) {
    const words = info.translations.get(tag);
    if (words) return { ...words, lang: tag };
  }
  return { title: info.title, summary: info.summary, audienceNotes: info.audienceNotes, lang: undefined };
}

/** Topics in their order on the site home (then by name). */
export function topicsInOrder(topics: ReadonlyMap<string, TopicInfo>): TopicInfo[] {
  return [...topics.values()].sort((a, b) => a.order - b.order || a.topic.localeCompare(b.topic));
}
