/**
 * Topics (parts-print): a topic is a folder under content/ (not `_data`, `_snippets` or a hidden folder); its
 * references file, content/_data/references/<topic>.yaml, carries the same name. Each topic gets a sources page.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

/** Topic folders under content/. */
export function topicFolders(contentDir: string): string[] {
  if (!existsSync(contentDir)) return [];
  return readdirSync(contentDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("_") && !entry.name.startsWith("."))
    .map((entry) => entry.name)
    .sort();
}

/** Every topic that gets a sources page: each topic folder, and each references file (named for its topic). */
export function sourceTopics(contentDir: string): string[] {
  const dir = path.join(contentDir, "_data", "references");
  const files = existsSync(dir) ? readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).map((n) => n.replace(/\.ya?ml$/, "")) : [];
  return [...new Set([...topicFolders(contentDir), ...files])].filter((topic) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(topic)).sort();
}
