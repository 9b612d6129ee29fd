/**
 * `npm run check`: runs every quality gate over the built output (run `npm run build` first; this never builds)
 * and prints one table, then each error and warning with the file to fix. Exits 0 when there is no error,
 * 5 when there is (warnings alone do not fail). `npm run check -- --help` lists the options (below, in `command`).
 */
import path from "node:path";
import { ExitCode } from "../src/errors.ts";
import { reportFailure } from "../src/cli/report-failure.ts";
import { GATES, runChecks } from "../src/check/run-checks.ts";
import { formatReport } from "../src/check/table.ts";
import type { GateId } from "../src/check/types.ts";
import { abortOnSignals } from "../src/cli/abort-on-signals.ts";
import { parseCommandLine, UsageError, type CommandSpec, type OptionSpec } from "../src/cli/command-line.ts";
import { finiteNumber, positiveInteger } from "../src/cli/option-values.ts";

const command = {
  name: "check",
  summary:
    "Runs every quality gate over the built output (build first; this never builds) and prints one table, then each\n" +
    "error and warning with the file to fix. Exits 0 when there is no error, 5 when there is.",
  options: {
    out: { type: "string", value: "<dir>", help: "built output to check", default: "output" },
    content: { type: "string", value: "<dir>", help: "content folder, for references and source lines", default: "content" },
    "max-grade": { type: "string", value: "<n>", help: "highest reading grade for patient text (default 8)" },
    "warn-grade": { type: "string", value: "<n>", help: "reading grade above which to warn (default 6)" },
    today: { type: "string", value: "<YYYY-MM-DD>", help: "the date to compare review dates with (default: today)" },
    gate: { type: "string", value: "<id>", help: `run only this gate (${GATES.map((g) => g.id).join(", ")}).`, multiple: true },
    only: { type: "string", value: "<slug>", help: "check only this document (a slug like knee, or an HTML path).", multiple: true },
    browser: { type: "string", value: "<path>", help: "Chromium or Chrome (else PUPPETEER_EXECUTABLE_PATH, CHROME_PATH, system paths)" },
    concurrency: { type: "string", value: "<n>", help: "pages loaded at once in the one browser (default 3)" },
    release: { type: "boolean", help: "refuse what must not ship: a translation no qualified medical translator has reviewed, a patient document without a clinician's sign-off" },
  },
} as const satisfies CommandSpec<Record<string, OptionSpec>>;

const { values } = parseCommandLine(command);
const abortSignal = abortOnSignals();

try {
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) {
    throw new UsageError(`--today takes a date written as YYYY-MM-DD (got "${values.today}").`);
  }
  const known = GATES.map((g) => g.id);
  for (const gate of values.gate ?? []) {
    if (!known.includes(gate as GateId)) throw new UsageError(`--gate ${gate} is not a gate; the gates are ${known.join(", ")}.`);
  }
  const maxGrade = finiteNumber("max-grade", values["max-grade"]);
  const warnGrade = finiteNumber("warn-grade", values["warn-grade"]);
  const report = await runChecks({
    outDir: path.resolve(values.out),
    contentDir: path.resolve(values.content),
    settings: {
      ...(maxGrade !== undefined ? { maxGrade } : {}),
      ...(warnGrade !== undefined ? { warnGrade } : {}),
      ...(values.today ? { today: values.today } : {}),
      release: values.release === true,
    },
    gates: values.gate as GateId[] | undefined,
    only: values.only,
    browserFlag: values.browser,
    concurrency: positiveInteger("concurrency", values.concurrency),
    signal: abortSignal,
  });
  console.log(formatReport(report));
  process.exitCode = report.errors ? ExitCode.check : ExitCode.ok;
} catch (error) {
  reportFailure(error, { command: "Check", script: "check" });
}
