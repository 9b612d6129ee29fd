/** The PDF job list, read from output/manifest.json: the renderer's only input besides the built files. */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Manifest } from "../eleventy/manifest.ts";
import type { Paper } from "./paper.ts";

export interface PdfJob {
  kind: "handout" | "deck";
  slug: string;
  title: string;
  summary: string;
  /** The content file, relative to the repository root, for error messages. */
  source: string;
  lang: string;
  reviewed: string;
  /** Site-relative URL of the HTML to print, like /handouts/knee/. */
  url: string;
  /** Output file, relative to output/. */
  output: string;
  paper?: Paper;
}

export function readManifest(outDir: string): Manifest {
  return JSON.parse(readFileSync(path.join(outDir, "manifest.json"), "utf8")) as Manifest;
}

export function jobsFromManifest(manifest: Manifest): PdfJob[] {
  const jobs: PdfJob[] = [];
  for (const artifact of manifest.artifacts) {
    const common = { slug: artifact.slug, title: artifact.title, summary: artifact.summary, source: artifact.source, lang: artifact.lang, reviewed: artifact.reviewed, url: artifact.url };
    if (artifact.kind === "handout" && artifact.pdf && "letter" in artifact.pdf) {
      jobs.push({ kind: "handout", ...common, output: artifact.pdf.letter, paper: "letter" });
      jobs.push({ kind: "handout", ...common, output: artifact.pdf.a4, paper: "a4" });
    } else if (artifact.kind === "deck" && artifact.pdf && "slides" in artifact.pdf) {
      jobs.push({ kind: "deck", ...common, output: artifact.pdf.slides });
    }
  }
  return jobs;
}
