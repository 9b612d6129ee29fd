/**
 * Merges the output folders of `npm run build -- --shard i/n` builds (one per machine) into one output folder,
 * atomically like the build: into a staging folder, swapped into place only when complete.
 *
 * Each shard built the whole site and printed its slice of the PDFs, so before anything is written it checks:
 * - the site parts are identical in every shard (same files, same bytes; manifest.json included);
 * - every PDF, thumbnail and PowerPoint file the manifest asks for is in exactly one shard (disjoint and complete);
 * - each shard's render report lists exactly the PDFs the shard holds, so the merged report is whole.
 * Anything else is refused, naming what is missing or different, and the output folder is not touched.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { copyFile, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { ExitCode, UserError, writeErrorFrom } from "../errors.ts";
import { jobsFromManifest } from "../pdf/jobs.ts";
import type { Manifest } from "../eleventy/manifest.ts";
import { RENDER_REPORT, type RenderedPdf } from "../pdf/render-pdfs.ts";
import { removeStaleStaging, stagingFolder, swapIntoPlace } from "./staging.ts";

/** The shards do not add up to one build; nothing was written. */
export class MergeRefusedError extends UserError {
  constructor(problems: readonly string[]) {
    super(`the shards do not add up to one build:\n${problems.map((p) => `  - ${p}`).join("\n")}`, ExitCode.merge);
  }
}

export interface MergeReport {
  /** Files in the merged folder. */
  files: number;
  pdfs: number;
}

/** At most this many names per problem; the rest are counted. */
const LISTED = 5;

export async function mergeShards(shardDirs: readonly string[], outDir: string): Promise<MergeReport> {
  const shards = shardDirs.map((dir) => path.resolve(dir));
  const problems: string[] = [];
  for (const dir of shards) {
    if (!existsSync(path.join(dir, "manifest.json"))) problems.push(`${dir} is not a built output folder (it has no manifest.json)`);
  }
  const duplicates = shards.filter((dir, i) => shards.indexOf(dir) !== i);
  if (duplicates.length) problems.push(`${duplicates[0]} is given twice`);
  if (problems.length) throw new MergeRefusedError(problems);

  const listings = shards.map((dir) => ({ dir, files: listFiles(dir) }));
  const manifestText = readFileSync(path.join(shards[0]!, "manifest.json"), "utf8");
  const manifest = JSON.parse(manifestText) as Manifest;
  const jobs = jobsFromManifest(manifest);
  // Files the PDF phase writes: each must come from exactly one shard. Everything else is the site.
  // A job's side outputs (a handout's thumbnail, a deck's PowerPoint) are written by the same print as its PDF.
  const sideOutputs = (job: (typeof jobs)[number]): string[] => [job.thumbnail, job.pptx].filter((file): file is string => Boolean(file));
  const printed = new Set<string>([RENDER_REPORT, ...jobs.flatMap((job) => [job.output, ...sideOutputs(job)])]);

  // The site: the same files with the same bytes in every shard.
  const siteOf = (files: Set<string>): string[] => [...files].filter((file) => !printed.has(file)).sort();
  const first = listings[0]!;
  const site = siteOf(first.files);
  for (const other of listings.slice(1)) {
    const otherSite = new Set(siteOf(other.files));
    const onlyFirst = site.filter((file) => !otherSite.has(file));
    const onlyOther = [...otherSite].filter((file) => !first.files.has(file));
    if (onlyFirst.length) problems.push(`${other.dir} lacks site files that ${first.dir} has: ${names(onlyFirst)}`);
    if (onlyOther.length) problems.push(`${other.dir} has site files that ${first.dir} lacks: ${names(onlyOther)}`);
    const differing = site.filter((file) => otherSite.has(file) && !sameBytes(path.join(first.dir, file), path.join(other.dir, file)));
    if (differing.length) problems.push(`${other.dir} and ${first.dir} differ in ${names(differing)} (were they built from the same content and code?)`);
  }

  // The PDFs: each in exactly one shard, none missing.
  const holder = new Map<string, string>();
  for (const file of [...printed].filter((f) => f !== RENDER_REPORT).sort()) {
    const holders = listings.filter((l) => l.files.has(file)).map((l) => l.dir);
    if (holders.length > 1) problems.push(`${file} is in more than one shard: ${holders.join(", ")}`);
    if (holders[0]) holder.set(file, holders[0]);
  }
  const missing = jobs.map((job) => job.output).filter((file) => !holder.has(file));
  if (missing.length) problems.push(`${missing.length} PDF${missing.length === 1 ? " is" : "s are"} in no shard: ${names(missing)}; is a shard missing, or did one fail?`);
  const missingSides = jobs.flatMap((job) => (holder.has(job.output) ? sideOutputs(job).filter((file) => !holder.has(file)) : []));
  if (missingSides.length) problems.push(`thumbnails or PowerPoint files in no shard: ${names(missingSides)}`);

  // The render reports: each shard's lists exactly the PDFs it holds, so together they are the whole report.
  const rendered: RenderedPdf[] = [];
  for (const { dir, files } of listings) {
    const file = path.join(dir, RENDER_REPORT);
    if (!files.has(RENDER_REPORT)) {
      problems.push(`${dir} has no ${RENDER_REPORT}: was it built with --site-only, or did its build fail?`);
      continue;
    }
    let entries: RenderedPdf[];
    try {
      entries = JSON.parse(readFileSync(file, "utf8")) as RenderedPdf[];
    } catch (error) {
      problems.push(`${file} is not valid JSON (${(error as Error).message})`);
      continue;
    }
    const listed = new Set(entries.map((entry) => entry.output));
    const held = jobs.map((job) => job.output).filter((output) => files.has(output));
    const unlisted = held.filter((output) => !listed.has(output));
    const absent = [...listed].filter((output) => !files.has(output));
    if (unlisted.length) problems.push(`${file} does not list ${names(unlisted)}, which the shard holds`);
    if (absent.length) problems.push(`${file} lists ${names(absent)}, which the shard does not hold`);
    rendered.push(...entries.filter((entry) => holder.get(entry.output) === dir));
  }
  if (problems.length) throw new MergeRefusedError(problems);

  // Write: the site from the first shard, each PDF from its shard, the whole render report, then swap.
  const target = path.resolve(outDir);
  removeStaleStaging(target);
  const staging = stagingFolder(target);
  try {
    const copy = async (from: string, file: string): Promise<void> => {
      const to = path.join(staging, file);
      await mkdir(path.dirname(to), { recursive: true });
      await copyFile(path.join(from, file), to);
    };
    for (const file of site) await copy(first.dir, file);
    for (const [file, dir] of holder) await copy(dir, file);
    // Sorted and written as the build writes it, so the merged report is byte-identical to an unsharded build's.
    rendered.sort((a, b) => a.output.localeCompare(b.output));
    await writeFile(path.join(staging, RENDER_REPORT), `${JSON.stringify(rendered, null, 2)}\n`);
    await swapIntoPlace(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw writeErrorFrom(error) ?? error;
  }
  return { files: site.length + holder.size + 1, pdfs: jobs.length };
}

/** Every file under `dir`, as forward-slash paths relative to it. */
function listFiles(dir: string): Set<string> {
  const files = new Set<string>();
  for (const entry of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    if (statSync(path.join(dir, entry)).isFile()) files.add(entry.split(path.sep).join("/"));
  }
  return files;
}

function sameBytes(a: string, b: string): boolean {
  if (statSync(a).size !== statSync(b).size) return false;
  const hash = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex");
  return hash(a) === hash(b);
}

function names(files: readonly string[]): string {
  const shown = files.slice(0, LISTED).join(", ");
  return files.length > LISTED ? `${shown} and ${files.length - LISTED} more` : shown;
}
