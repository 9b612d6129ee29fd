/**
 * `npm run merge -- --out DIR SHARD_DIR...`: one output folder from the output folders of `--shard i/n` builds.
 * `npm run merge -- --help` lists the options (below, in `command`).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { mergeShards } from "../src/build/merge-shards.ts";
import { keptLine, reportFailure } from "../src/cli/report-failure.ts";
import { parseCommandLine, type CommandSpec, type OptionSpec } from "../src/cli/command-line.ts";

const command = {
  name: "merge",
  summary:
    "Merges the output folders of `npm run build -- --shard i/n` builds into one, atomically like the build. It checks\n" +
    "that the site parts are identical, that every PDF of the manifest is in exactly one shard and that the render\n" +
    "reports add up, and refuses otherwise, naming what is missing or different (exit 7).",
  options: {
    out: { type: "string", value: "<dir>", help: "the merged output folder", default: "output" },
  },
  positionals: { name: "SHARD_DIR", help: "the output folder of one shard build; give all of them", min: 1 },
} as const satisfies CommandSpec<Record<string, OptionSpec>>;

const { values, positionals } = parseCommandLine(command);
const out = values.out;
const folder = out.endsWith("/") ? out : `${out}/`;
const kept = keptLine(out, existsSync(path.resolve(out)));

try {
  const report = await mergeShards(positionals, out);
  console.log(`Merged ${positionals.length} shard${positionals.length === 1 ? "" : "s"} into ${folder}: ${report.files} files, ${report.pdfs} PDFs.`);
} catch (error) {
  reportFailure(error, { command: "Merge", script: "merge", kept });
}
