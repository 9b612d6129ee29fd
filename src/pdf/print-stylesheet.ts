/**
 * A handout's own print stylesheet (parts-print), so that printing its web page from a browser gives the same
 * one sheet as the PDF: the clinic's paper size (handout.css cannot know it) and the type step the renderer
 * fitted the sheet at (known only after printing). The site build writes it at full size; after the PDFs are
 * printed (or taken from the cache, which keeps the fit), the build writes it again with the fitted step.
 */
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Manifest } from "../eleventy/manifest.ts";
import { PAPER, type Paper } from "./paper.ts";
import { translate } from "../i18n/strings.ts";

/**
 * An interface string with `{page}` and `{pages}` as a CSS `content` value: "Page {page} of {pages}" →
 * `"Page " counter(page) " of " counter(pages)`. The words come from the strings file, so the large-print
 * footer is in the handout's language; CSS cannot read them any other way.
 */
export function cssCounterText(template: string): string {
  const parts = template.split(/(\{page\}|\{pages\})/).filter(Boolean);
  const quote = (text: string): string => `"${text.replace(/[\\"]/g, "\\$&").replace(/[\r\n]+/g, " ")}"`;
  return parts.map((part) => (part === "{page}" ? "counter(page)" : part === "{pages}" ? "counter(pages)" : quote(part))).join(" ");
}

// Where it lives (beside the handout's page and PDFs) is decided with every other address, in urls.ts.
export { handoutPrintStylePath } from "../content/urls.ts";

export function handoutPrintCss(paper: Paper, fit: number, figure = 1, lang?: string): string {
  return (
    "/* Written by the build: the clinic's paper and the type and figure steps this handout was fitted at, so the\n" +
    "   browser's own print gives the same one sheet as the PDF; the large print's page numbers in its language. */\n" +
    `@page { size: ${PAPER[paper].cssName}; }\n` +
    `@page large-print { @bottom-center { content: ${cssCounterText(translate("print.pageOfPages", lang))}; } }\n` +
    `@media print { :root { --fit: ${fit}; --figure-scale: ${figure}; } }\n`
  );
}

/** Rewrites each printed handout's stylesheet with the fit of its standard edition in the clinic's paper. */
export async function writeFittedPrintStyles(outDir: string, manifest: Manifest, rendered: readonly { output: string; fit?: number | undefined; figure?: number | undefined }[]): Promise<void> {
  const paper = manifest.site.paper;
  for (const artifact of manifest.artifacts) {
    if (artifact.kind !== "handout" || !artifact.pdf || !(paper in artifact.pdf)) continue;
    const pdf = (artifact.pdf as Record<Paper, string>)[paper];
    const printed = rendered.find((r) => r.output === pdf);
    const fit = printed?.fit;
    if (!artifact.printCss) continue;
    const file = path.join(outDir, artifact.printCss);
    if (fit === undefined || !existsSync(path.dirname(file))) continue;
    await writeFile(file, handoutPrintCss(paper, fit, printed?.figure, artifact.lang));
  }
}
