/**
 * PDF gates, read from the files with pdf-lib (pdf-facts.ts):
 * - fit (the "Pages" column): a handout's Letter and A4 PDFs have exactly one page, its large-print edition one
 *   to three (two when type of at least 16 pt holds it there; see paper.ts); a deck's PDF has one page per slide (more pages means a slide ran over);
 * - pdf: page size (Letter 612×792 pt, A4 595×842 pt, ±1 pt; decks 16:9), every font embedded, no Type 3 font,
 *   tagged (marked, with a structure tree), title and language set and matching the document.
 * Which rule applies to which file is decided by its key in the manifest's `pdf` entry (RULES below); a key
 * this gate does not know gets the checks that apply to every PDF.
 */
import type { ManifestArtifact } from "../eleventy/manifest.ts";
import { LARGE_PRINT_MOST_PAGES, PAPER, type Paper } from "../pdf/paper.ts";
import type { CheckedDocument, GateContext } from "./context.ts";
import type { PdfFacts } from "./pdf-facts.ts";
import { emptyResult, statusOf, type Finding, type GateResult } from "./types.ts";

interface Rule {
  label: string;
  pages?: { min: number; max: number } | "slides";
  size?: Paper | "16:9";
}

const RULES: Record<string, (site: { paper: Paper }) => Rule> = {
  letter: () => ({ label: "Letter", pages: { min: 1, max: 1 }, size: "letter" }),
  a4: () => ({ label: "A4", pages: { min: 1, max: 1 }, size: "a4" }),
  largePrint: (site) => ({ label: "large print", pages: { min: 1, max: LARGE_PRINT_MOST_PAGES }, size: site.paper }),
  slides: () => ({ label: "slides", pages: "slides", size: "16:9" }),
};

const TOLERANCE_PT = 1;

function pdfEntries(artifact: ManifestArtifact | undefined): [string, string][] {
  return artifact?.pdf ? Object.entries(artifact.pdf).filter((entry): entry is [string, string] => typeof entry[1] === "string") : [];
}

/** A document's PDF: its file (relative to output/) and the rule its manifest key gives it. */
interface DocumentPdf {
  file: string;
  rule: Rule;
}

/**
 * Both gates walk the same thing: every document's PDFs with their rules. `checkDocument` makes a document's
 * cell text and findings; a document without PDFs gets "—".
 */
function perDocumentPdfs(ctx: GateContext, checkDocument: (doc: CheckedDocument, pdfs: DocumentPdf[]) => { text: string; findings: Finding[] }): GateResult {
  const result = emptyResult();
  for (const doc of ctx.documents) {
    const pdfs = pdfEntries(doc.artifact).map(([key, file]) => ({ file, rule: RULES[key]?.(ctx.manifest.site) ?? { label: key } }));
    if (!pdfs.length) {
      result.cells.set(doc.key, { text: "—", status: "none" });
      continue;
    }
    const { text, findings } = checkDocument(doc, pdfs);
    result.cells.set(doc.key, { text, status: statusOf(findings) });
    result.findings.push(...findings);
  }
  return result;
}

export function fitGate(ctx: GateContext): GateResult {
  return perDocumentPdfs(ctx, (doc, pdfs) => {
    const findings: Finding[] = [];
    const counts: string[] = [];
    for (const { file, rule } of pdfs) {
      const facts = ctx.pdfs.get(file);
      if (!(facts && !(facts instanceof Error))) {
        counts.push("?");
        continue; // the pdf gate reports a missing or unreadable file
      }
      const pages = facts.pages.length;
      if (rule.pages === "slides") {
        const slides = doc.page?.facts?.slides ?? 0;
        counts.push(slides ? `${pages}/${slides}` : String(pages));
        if (slides && pages !== slides) {
          findings.push({
            gate: "fit",
            severity: "error",
            file: doc.source,
            message: `${file} has ${pages} pages for ${slides} slides`,
            fix: pages > slides ? "a slide runs over its page: shorten it or split it into two slides, then rebuild" : "the PDF is older than the deck: rebuild with `npm run build`",
          });
        }
      } else {
        counts.push(String(pages));
        if (rule.pages && (pages < rule.pages.min || pages > rule.pages.max)) {
          const allowed = rule.pages.min === rule.pages.max ? `${rule.pages.max} page` : `${rule.pages.min} to ${rule.pages.max} pages`;
          findings.push({
            gate: "fit",
            severity: "error",
            file: doc.source,
            message: `${file} (${rule.label}) has ${pages} page${pages === 1 ? "" : "s"}; it must have ${allowed}`,
            fix: "cut words until it fits, then rebuild (`npm run build` says how many)",
          });
        }
      }
    }
    return { text: counts.join("+"), findings };
  });
}

export function pdfGate(ctx: GateContext): GateResult {
  return perDocumentPdfs(ctx, (doc, pdfs) => {
    const findings: Finding[] = [];
    let bad = 0;
    for (const { file, rule } of pdfs) {
      const problems = checkPdf(doc, file, rule, ctx.pdfs.get(file));
      if (problems.length) bad++;
      findings.push(...problems);
    }
    return { text: bad ? `${bad}/${pdfs.length} bad` : `${pdfs.length} ok`, findings };
  });
}

function checkPdf(doc: CheckedDocument, file: string, rule: Rule, facts: PdfFacts | Error | undefined): Finding[] {
  const findings: Finding[] = [];
  const add = (message: string, fix: string): void => {
    findings.push({ gate: "pdf", severity: "error", file: doc.source, message: `${file} ${message}`, fix });
  };
  const rebuild = "rebuild with `npm run build`; if it persists, it is a bug in the PDF renderer (src/pdf/)";
  if (!facts) {
    add("is missing", "build the PDFs with `npm run build` (not `--site-only`)");
    return findings;
  }
  if (facts instanceof Error) {
    add(`cannot be read: ${facts.message}`, rebuild);
    return findings;
  }
  const sizes = new Set(facts.pages.map((p) => `${round(p.widthPt)}×${round(p.heightPt)}`));
  if (sizes.size > 1) add(`mixes page sizes (${[...sizes].join(", ")} pt)`, rebuild);
  const first = facts.pages[0];
  if (!first) add("has no pages", rebuild);
  else if (rule.size === "16:9") {
    if (Math.abs(first.widthPt / first.heightPt - 16 / 9) > 0.01) add(`is ${round(first.widthPt)}×${round(first.heightPt)} pt, not 16:9`, rebuild);
  } else if (rule.size) {
    const paper = PAPER[rule.size];
    if (Math.abs(first.widthPt - paper.widthPt) > TOLERANCE_PT || Math.abs(first.heightPt - paper.heightPt) > TOLERANCE_PT) {
      add(`is ${round(first.widthPt)}×${round(first.heightPt)} pt, not ${paper.label} (${round(paper.widthPt)}×${round(paper.heightPt)} pt)`, "check the `@page` size in templates/assets/handout.css, then rebuild");
    }
  }
  const loose = facts.fonts.filter((f) => !f.embedded);
  if (loose.length) add(`does not embed the font${loose.length > 1 ? "s" : ""} ${loose.map((f) => f.name).join(", ")}`, "use only the self-hosted fonts (templates/assets/fonts.css); a printer may substitute a font that is not embedded");
  const type3 = facts.fonts.filter((f) => f.subtype === "Type3");
  if (type3.length) add(`uses Type 3 fonts (${type3.map((f) => f.name).join(", ")}), which print blurred and cannot be read aloud`, "ship a real file for every weight and style the page uses (Chromium draws a missing bold as Type 3)");
  if (!facts.marked || !facts.structureTree) add(`is not tagged (${!facts.marked ? "no /MarkInfo /Marked true" : "no structure tree"}), so screen readers cannot follow it`, rebuild);
  // A PDF may add to the document's title ("… (slides with speaker notes)"), never replace it.
  const title = doc.artifact?.title ?? "";
  if (!facts.title.trim()) add("has no title", rebuild);
  else if (title && !facts.title.trim().startsWith(title.trim())) add(`has the title “${facts.title}”, not “${title}”`, rebuild);
  const lang = doc.artifact?.lang ?? "";
  if (!facts.lang.trim()) add("has no document language (/Lang)", "set `lang` on the document's <html> element (from the front matter's `lang`), then rebuild");
  else if (lang && facts.lang.toLowerCase().split("-")[0] !== lang.toLowerCase().split("-")[0]) add(`says its language is ${facts.lang}, not ${lang}`, rebuild);
  return findings;
}

const round = (n: number): string => (Math.round(n * 10) / 10).toString();
