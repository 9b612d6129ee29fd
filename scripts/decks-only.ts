/**
 * `node scripts/decks-only.ts <folder>`: writes a content folder holding only content/'s decks (clinic settings,
 * references, snippets, topic data and figures, no handouts or pages), for measuring the deck PDFs on their own
 * (README, "Performance"): `npm run build -- --content <folder> --out <out> --no-cache`. `--help` lists the options.
 */
import path from "node:path";
import { writeDecksOnlyContent } from "../src/bench/decks-only.ts";
import { parseCommandLine, type CommandSpec, type OptionSpec } from "../src/cli/command-line.ts";

const command = {
  name: "decks-only",
  summary: "Writes a content folder holding only the shipped decks and what they need, to time the deck PDFs alone.",
  options: {},
  positionals: { name: "FOLDER", help: "the content folder to write, like /tmp/decks-content", min: 1 },
} as const satisfies CommandSpec<Record<string, OptionSpec>>;

const { positionals } = parseCommandLine(command);
const target = positionals[0]!;
const { decks } = writeDecksOnlyContent(path.resolve(import.meta.dirname, "..", "content"), path.resolve(target));
console.log(`Wrote ${decks.length} decks into ${target}: ${decks.join(", ")}`);
