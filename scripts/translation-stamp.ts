/**
 * `npm run translation-stamp -- <translation.md>...`: after a translation has been brought up to date with its
 * source, records the source's content stamp and section fingerprints in the translation's front matter
 * (`sourceStamp`, `sourceSections`), keeping every other line as written. `npm run check` then compares them with
 * the source and names the sections that change later. `--help` lists the options.
 */
import path from "node:path";
import { parseCommandLine, type CommandSpec, type OptionSpec } from "../src/cli/command-line.ts";
import { reportFailure } from "../src/cli/report-failure.ts";
import { stampTranslation } from "../src/content/stamp-translation.ts";

const command = {
  name: "translation-stamp",
  summary:
    "Records in each translation's front matter what its source says now (sourceStamp and sourceSections), once\n" +
    "the translation matches it. Every other line of the file is kept as written.",
  options: {
    content: { type: "string", value: "<dir>", help: "content folder the translations are in", default: "content" },
  },
  positionals: { name: "FILE.md", help: "a translation (a document with `translationOf` in its front matter)", min: 1 },
} as const satisfies CommandSpec<Record<string, OptionSpec>>;

const { values, positionals } = parseCommandLine(command);

try {
  for (const file of positionals) {
    const result = stampTranslation(path.resolve(values.content), file);
    console.log(result.unchanged ? `${result.file}: already up to date with ${result.source} (${result.stamp})` : `${result.file}: stamped from ${result.source} (${result.stamp})`);
  }
} catch (error) {
  reportFailure(error, { command: "Translation stamp", script: "translation-stamp" });
}
