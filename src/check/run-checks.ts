/**
 * `npm run check`: every quality gate over the built output (it never builds). Reads output/manifest.json,
 * loads every HTML file once in one Chromium (facts, axe-core, requests), reads every PDF with pdf-lib, runs the
 * gates and returns one row per document and every finding. Printing is table.ts's job.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Manifest, ManifestArtifact } from "../eleventy/manifest.ts";
import { isRedirectPage } from "../eleventy/redirects.ts";
import { ExitCode, UserError } from "../errors.ts";
import { findBrowser } from "../pdf/find-browser.ts";
import { accessibilityGate } from "./accessibility.ts";
import { browsePages, type BrowsedPage } from "./browse.ts";
import { citationsGate } from "./citations.ts";
import type { CheckedDocument, CheckSettings, GateContext } from "./context.ts";
import { handoutPartsGate } from "./handout-parts.ts";
import { linksGate } from "./links.ts";
import { OWN_TEXT } from "./page-facts.ts";
import { readPdfFacts, type PdfFacts } from "./pdf-facts.ts";
import { fitGate, pdfGate } from "./pdfs.ts";
import { privacyGate } from "./privacy.ts";
import { readabilityGate } from "./readability.ts";
import { reviewDatesGate } from "./review-dates.ts";
import { termsGate } from "./terms.ts";
import { pematGate } from "./pemat.ts";
import { translationsGate } from "./translations.ts";
import type { Cell, Finding, GateId, GateResult } from "./types.ts";

export interface Gate {
  id: GateId;
  /** Column heading in the table. */
  column: string;
  /** Needs the pages loaded in Chromium. */
  browser: boolean;
  run: (ctx: GateContext) => GateResult;
}

/** The gates, in the table's column order. */
export const GATES: readonly Gate[] = [
  { id: "readability", column: "Grade", browser: true, run: readabilityGate },
  { id: "fit", column: "Pages", browser: false, run: fitGate },
  { id: "parts", column: "Parts", browser: true, run: handoutPartsGate },
  { id: "sources", column: "Sources", browser: true, run: citationsGate },
  { id: "review", column: "Review", browser: false, run: reviewDatesGate },
  { id: "accessibility", column: "A11y", browser: true, run: accessibilityGate },
  { id: "links", column: "Links", browser: true, run: linksGate },
  { id: "privacy", column: "Off-site", browser: true, run: privacyGate },
  { id: "pdf", column: "PDF", browser: false, run: pdfGate },
  { id: "terms", column: "Terms", browser: false, run: termsGate },
  { id: "pemat", column: "PEMAT", browser: true, run: pematGate },
  { id: "translations", column: "Transl.", browser: false, run: translationsGate },
];

export interface CheckOptions {
  outDir: string;
  contentDir: string;
  settings?: Partial<CheckSettings>;
  /** Run only these gates (default: all). */
  gates?: readonly GateId[] | undefined;
  /** Check only these documents, by slug or HTML path (default: all). */
  only?: readonly string[] | undefined;
  browserFlag?: string | undefined;
  concurrency?: number | undefined;
  signal?: AbortSignal | undefined;
}

export interface ReportRow {
  doc: CheckedDocument;
  cells: Map<GateId, Cell>;
}

export interface CheckReport {
  outDir: string;
  settings: CheckSettings;
  gates: readonly Gate[];
  rows: ReportRow[];
  /** Errors first, then warnings; each sorted by file and line. */
  findings: Finding[];
  errors: number;
  warnings: number;
  /** Only some documents were checked. */
  partial: boolean;
}

export const DEFAULT_SETTINGS: Omit<CheckSettings, "today"> = { maxGrade: 8, warnGrade: 6, release: false };

export function todayIso(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

export async function runChecks(options: CheckOptions): Promise<CheckReport> {
  const outDir = path.resolve(options.outDir);
  const settings: CheckSettings = { ...DEFAULT_SETTINGS, today: todayIso(), ...options.settings };
  const gates = GATES.filter((gate) => !options.gates || options.gates.includes(gate.id));
  const manifest = readBuiltManifest(outDir);
  const partial = Boolean(options.only?.length);
  // A slug (`knee`: every topic's), a topic and slug (`bone-marrow-edema/knee`), or an HTML path.
  const documents = listDocuments(outDir, manifest).filter(
    (doc) => !partial || options.only?.includes(doc.name) || options.only?.includes(doc.key) || (doc.artifact !== undefined && options.only?.includes(`${doc.artifact.topic}/${doc.name}`)),
  );
  if (partial && documents.length === 0) {
    throw new UserError(`--only ${options.only?.join(", ")} matches no document in ${outDir}: give a slug like \`knee\`, a topic and slug like \`bone-marrow-edema/knee\`, or an HTML path.`, ExitCode.check);
  }

  if (gates.some((gate) => gate.browser)) {
    const browserPath = findBrowser({ flag: options.browserFlag });
    const present = documents.filter((doc) => existsSync(path.join(outDir, doc.key)));
    const pages = await browsePages({
      outDir,
      baseUrl: manifest.site.baseUrl,
      browserPath,
      targets: present.map((doc) => ({
        html: doc.key,
        ownText: OWN_TEXT[doc.kind === "other" ? "page" : doc.kind],
        pemat: gates.some((gate) => gate.id === "pemat") && doc.kind === "handout" && doc.artifact?.audience === "patient",
      })),
      concurrency: options.concurrency,
      axe: gates.some((gate) => gate.id === "accessibility"),
      signal: options.signal,
    });
    for (const doc of documents) {
      doc.page = pages.get(doc.key) ?? missingPage(doc);
    }
  }

  const pdfs = new Map<string, PdfFacts | Error>();
  if (gates.some((gate) => gate.id === "pdf" || gate.id === "fit")) {
    for (const artifact of documents.flatMap((doc) => (doc.artifact ? [doc.artifact] : []))) {
      for (const file of Object.values(artifact.pdf ?? {})) {
        if (typeof file !== "string" || !existsSync(path.join(outDir, file))) continue;
        pdfs.set(file, await readPdfFacts(readFileSync(path.join(outDir, file))).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))));
      }
    }
  }

  const ctx: GateContext = { outDir, contentDir: path.resolve(options.contentDir), manifest, documents, settings, pdfs, partial };
  const rows: ReportRow[] = documents.map((doc) => ({ doc, cells: new Map() }));
  const findings: Finding[] = [];
  for (const gate of gates) {
    const result = gate.run(ctx);
    for (const row of rows) {
      const cell = result.cells.get(row.doc.key);
      if (cell) row.cells.set(gate.id, cell);
    }
    findings.push(...result.findings);
  }
  findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) || a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  const errors = findings.filter((f) => f.severity === "error").length;
  return { outDir, settings, gates, rows, findings, errors, warnings: findings.length - errors, partial };
}

function readBuiltManifest(outDir: string): Manifest {
  const file = path.join(outDir, "manifest.json");
  if (!existsSync(file)) {
    throw new UserError(`${file} does not exist: there is no built output to check. Run \`npm run build\` first (or pass --out DIR).`, ExitCode.check);
  }
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Manifest;
  } catch (error) {
    throw new UserError(`${file} is not valid JSON (${(error as Error).message}): rebuild with \`npm run build\`.`, ExitCode.check, { cause: error });
  }
}

/** Every document in the manifest, then every other HTML file the build wrote (except assets), as table rows. */
function listDocuments(outDir: string, manifest: Manifest): CheckedDocument[] {
  const byHtml = new Map<string, ManifestArtifact>(manifest.artifacts.map((a) => [a.html, a]));
  const documents: CheckedDocument[] = manifest.artifacts.map((artifact) => ({
    key: artifact.html,
    artifact,
    kind: artifact.kind,
    name: artifact.slug,
    source: artifact.source,
    page: undefined,
  }));
  for (const html of listHtml(outDir)) {
    if (byHtml.has(html)) continue;
    documents.push({ key: html, artifact: undefined, kind: "other", name: html, source: "templates/", page: undefined });
  }
  return documents;
}

/** The HTML files the build wrote, less the old addresses' redirect pages (src/eleventy/redirects.ts). */
function listHtml(outDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(outDir, full).split(path.sep).join("/");
      if (entry.isDirectory()) {
        if (relative !== "assets") walk(full);
      } else if (entry.name.endsWith(".html") && !isRedirectPage(readFileSync(full, "utf8"))) found.push(relative);
    }
  };
  walk(outDir);
  return found;
}

function missingPage(doc: CheckedDocument): BrowsedPage {
  return { facts: undefined, violations: [], offOrigin: [], missing: [], cspBlocked: [], error: `${doc.key} is missing from the built output` };
}
