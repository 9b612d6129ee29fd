/**
 * A content folder holding only a content folder's decks: the clinic settings, references, snippets, each topic's
 * data and figures, and its decks, with no handouts or pages. It is what the deck PDFs are measured on against
 * Marp CLI (README, "Performance"), and what the tests print the shipped decks from.
 *
 * Without the handouts, a deck's `handouts:` field would name documents that are not there, so it is dropped:
 * those decks have no "Patient handouts" slide (Marp has none either).
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Folders of a topic that hold documents other than decks. */
const NOT_DECKS = new Set(["handouts", "pages"]);

export function writeDecksOnlyContent(sourceContentDir: string, targetDir: string): { decks: string[] } {
  rmSync(targetDir, { recursive: true, force: true });
  mkdirSync(targetDir, { recursive: true });
  const decks: string[] = [];
  for (const entry of readdirSync(sourceContentDir, { withFileTypes: true })) {
    const from = path.join(sourceContentDir, entry.name);
    const to = path.join(targetDir, entry.name);
    if (!entry.isDirectory() || entry.name.startsWith("_")) {
      cpSync(from, to, { recursive: true });
      continue;
    }
    // A topic: everything but its handouts and pages.
    for (const part of readdirSync(from, { withFileTypes: true })) {
      if (part.isDirectory() && NOT_DECKS.has(part.name)) continue;
      cpSync(path.join(from, part.name), path.join(to, part.name), { recursive: true });
    }
    const deckDir = path.join(to, "decks");
    for (const file of readdirSync(deckDir, { withFileTypes: true }).filter((f) => f.isFile() && f.name.endsWith(".md"))) {
      const deckFile = path.join(deckDir, file.name);
      writeFileSync(deckFile, withoutHandouts(readFileSync(deckFile, "utf8")));
      decks.push(path.relative(targetDir, deckFile));
    }
  }
  return { decks: decks.sort() };
}

/** The deck's Markdown without the front-matter `handouts:` field (one line, or a YAML list under it). */
export function withoutHandouts(markdown: string): string {
  const end = markdown.indexOf("\n---", 4);
  if (!markdown.startsWith("---") || end === -1) return markdown;
  const front = markdown.slice(0, end + 1).replace(/^handouts:.*\n(?:[ \t]+-.*\n)*/m, "");
  return front + markdown.slice(end + 1);
}
