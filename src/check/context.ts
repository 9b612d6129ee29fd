/** What every gate is given: the built output as read once by the runner (manifest, pages in Chromium, PDFs). */
import type { ManifestArtifact, Manifest } from "../eleventy/manifest.ts";
import type { BrowsedPage } from "./browse.ts";
import type { PdfFacts } from "./pdf-facts.ts";

export interface CheckedDocument {
  /** The row key: the HTML file relative to output/, like `handouts/knee/index.html`. */
  key: string;
  /** Undefined for an HTML file the manifest does not list (a page the templates make on their own). */
  artifact: ManifestArtifact | undefined;
  kind: "page" | "handout" | "deck" | "other";
  /** A short name for the table: the slug, or the HTML path for other files. */
  name: string;
  /** The file an editor opens: the content file, or the templates folder for generated pages. */
  source: string;
  /** The page as loaded in Chromium; undefined when no gate needed the browser. */
  page: BrowsedPage | undefined;
}

export interface CheckSettings {
  /** Highest Flesch–Kincaid grade allowed for patient text (default 8). */
  maxGrade: number;
  /** Grade above which a warning is given (default 6). */
  warnGrade: number;
  /**
   * `--release`: what may wait during drafting may not ship. A translation without a qualified medical
   * translator's review and a patient document without a clinician's sign-off are errors, not warnings.
   */
  release: boolean;
  /** Today, as YYYY-MM-DD, for review dates. */
  today: string;
}

export interface GateContext {
  outDir: string;
  contentDir: string;
  manifest: Manifest;
  documents: CheckedDocument[];
  settings: CheckSettings;
  /** PDF facts by path relative to output/; an Error when the file is missing or unreadable. */
  pdfs: Map<string, PdfFacts | Error>;
  /** Only some documents are checked (`--only`): site-wide findings, like unused references, cannot be judged. */
  partial: boolean;
}

/** The template a generated part of a document comes from, for fix messages. */
export function templateOf(doc: CheckedDocument): string {
  if (doc.kind === "handout") return "templates/layouts/handout.njk";
  if (doc.kind === "deck") return "templates/layouts/deck.njk";
  if (doc.kind === "page") return "templates/layouts/page.njk or base.njk";
  return "templates/";
}
