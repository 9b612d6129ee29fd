/**
 * `npm run hash-seeds`: writes test/seed-runs.txt, the hashes of every ten-word run of the seed articles, which
 * the copy detector in test/content.test.ts checks the content against. Run it when the seeds change; commit the
 * list, never the seeds' text. Reads ../shared/seeds beside the repository unless --seeds names another folder.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { reportFailure } from "../src/cli/report-failure.ts";
import { parseCommandLine, type CommandSpec, type OptionSpec } from "../src/cli/command-line.ts";
import { runHash, tenWordRuns } from "../src/check/ten-word-runs.ts";
import { ExitCode, UserError } from "../src/errors.ts";

const root = path.resolve(import.meta.dirname, "..");
const command = {
  name: "hash-seeds",
  summary: "Writes the hashes of the seed articles' ten-word runs to test/seed-runs.txt, for the copy detector (never the seeds' text).",
  options: {
    seeds: { type: "string", value: "<dir>", help: "folder of the seed articles (default ../shared/seeds beside the repository)" },
    out: { type: "string", value: "<file>", help: "where to write the list", default: "test/seed-runs.txt" },
  },
} as const satisfies CommandSpec<Record<string, OptionSpec>>;

const { values } = parseCommandLine(command);
try {
  const seeds = path.resolve(values.seeds ?? path.join(root, "..", "shared", "seeds"));
  if (!existsSync(seeds)) throw new UserError(`${seeds} does not exist: give the seed articles' folder with --seeds DIR.`, ExitCode.usage);
  const files = readdirSync(seeds).filter((name) => !name.startsWith(".")).sort();
  const hashes = new Set<string>();
  for (const name of files) for (const run of tenWordRuns(readFileSync(path.join(seeds, name), "utf8"))) hashes.add(runHash(run));
  const header = [
    "# Hashes (first 16 hex digits of SHA-256) of every ten-word run of the seed articles, written by",
    "# `npm run hash-seeds` from the seeds; the copy detector in test/content.test.ts reads them. Not the seeds' text.",
    `# ${files.length} seed files, ${hashes.size} runs.`,
  ];
  const target = path.resolve(root, values.out);
  writeFileSync(target, `${[...header, ...[...hashes].sort()].join("\n")}\n`);
  console.log(`Wrote ${hashes.size} hashes of ten-word runs from ${files.length} seed files to ${path.relative(root, target)}.`);
} catch (error) {
  reportFailure(error, { command: "hash-seeds", script: "hash-seeds" });
}
