/**
 * `node scripts/decks-only.ts <folder>`: writes a content folder holding only content/'s decks (clinic settings,
 * references, snippets, topic data and figures, no handouts or pages), for measuring the deck PDFs on their own
 * (README, "Performance"): `npm run build -- --content <folder> --out <out> --no-cache`.
 */
import path from "node:path";
import { writeDecksOnlyContent } from "../src/bench/decks-only.ts";

const target = process.argv[2];
if (!target) {
  console.error("Give the folder to write, like: node scripts/decks-only.ts /tmp/decks-content");
  process.exit(64);
}
const { decks } = writeDecksOnlyContent(path.resolve(import.meta.dirname, "..", "content"), path.resolve(target));
console.log(`Wrote ${decks.length} decks into ${target}: ${decks.join(", ")}`);
