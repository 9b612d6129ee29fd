/** The PDF job list, read from output/manifest.json: the renderer's only input besides the built files. */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Manifest } from "../eleventy/manifest.ts";
import type { Paper } from "./paper.ts";
import { translate } from "../i18n/strings.ts";

export interface PdfJob {
  /** deck: the 16:9 slides; deck-notes: the slides-with-notes handout in the clinic's paper size. */
  kind: "handout" | "deck" | "deck-notes";
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
  /** Handouts: the standard one-page sheet, or the large-print edition (up to two pages). */
  edition?: "standard" | "large";
  /** Handouts: also save a PNG picture of the printed page here (relative to output/). */
  thumbnail?: string;
  /** Decks: also save the editable PowerPoint, read from the same laid-out slides, here (relative to output/). */
  pptx?: string;
}

export function readManifest(outDir: string): Manifest {
  return JSON.parse(readFileSync(path.join(outDir, "manifest.json"), "utf8")) as Manifest;
}

export function jobsFromManifest(manifest: Manifest): PdfJob[] {
  const jobs: PdfJob[] = [];
  for (const artifact of manifest.artifacts) {
    const common = { slug: artifact.slug, title: artifact.title, summary: artifact.summary, source: artifact.source, lang: artifact.lang, reviewed: artifact.reviewed, url: artifact.url };
    if (artifact.kind === "handout" && artifact.pdf && "letter" in artifact.pdf) {
      const paper = manifest.site.paper;
      // The clinic's own paper size goes first and draws the library's thumbnail.
      const sizes = paper === "a4" ? (["a4", "letter"] as const) : (["letter", "a4"] as const);
      for (const size of sizes) {
        jobs.push({ kind: "handout", ...common, output: artifact.pdf[size], paper: size, edition: "standard", ...(size === paper && artifact.thumbnail ? { thumbnail: artifact.thumbnail } : {}) });
      }
      jobs.push({ kind: "handout", ...common, output: artifact.pdf.largePrint, paper, edition: "large" });
    } else if (artifact.kind === "deck" && artifact.pdf && "slides" in artifact.pdf) {
      jobs.push({ kind: "deck", ...common, output: artifact.pdf.slides, ...(artifact.pptx ? { pptx: artifact.pptx } : {}) });
      jobs.push({ kind: "deck-notes", ...common, title: translate("deck.notesPdfTitle", artifact.lang, { title: artifact.title }), output: artifact.pdf.notes, paper: manifest.site.paper });
    }
  }
  return jobs;
}
