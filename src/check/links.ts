/**
 * Links-and-images gate, read from the built pages: every link, stylesheet, script and image inside the site
 * points at a file in output/ (and at an id that exists, when it has a #fragment); every image has alt text
 * (alt="" marks a decorative image and is fine); nothing the page requests while loading is missing. Links to
 * other sites are not followed (the check makes no request off the machine); off-site requests are the privacy
 * gate's business. The same mistakes in Markdown are refused earlier, by the build (markdown-targets.ts).
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileForUrl } from "../pdf/serve-from-output.ts";
import { templateOf, type GateContext } from "./context.ts";
import { findLinkTarget } from "./source-lines.ts";
import { urlForHtml } from "./browse.ts";
import { isOffSite } from "./privacy.ts";
import { emptyResult, statusOf, type Finding, type GateResult } from "./types.ts";

export function linksGate(ctx: GateContext): GateResult {
  const result = emptyResult();
  const baseUrl = ctx.manifest.site.baseUrl;
  const idsByFile = new Map<string, Set<string>>();
  for (const doc of ctx.documents) {
    if (doc.page?.facts) idsByFile.set(path.resolve(ctx.outDir, doc.key), new Set(doc.page.facts.ids));
  }

  for (const doc of ctx.documents) {
    const page = doc.page;
    if (!page) continue;
    const findings: Finding[] = [];
    if (page.error || !page.facts) {
      findings.push({ gate: "links", severity: "error", file: doc.source, message: `${doc.key} could not be loaded: ${page.error ?? "no page"}`, fix: "rebuild with `npm run build`, then check again" });
      result.cells.set(doc.key, { text: "✗", status: "fail" });
      result.findings.push(...findings);
      continue;
    }
    const pageUrl = urlForHtml(doc.key, baseUrl);
    const reported = new Set<string>();
    const report = (resolved: string, message: string, markdownFix: string, templateFix: string): void => {
      if (reported.has(resolved)) return;
      reported.add(resolved);
      const where = findLinkTarget(ctx.contentDir, doc.source, pageUrl, baseUrl, resolved);
      findings.push({
        gate: "links",
        severity: "error",
        file: where?.file ?? templateOf(doc),
        line: where?.line,
        message: where ? message : `${message} (in ${doc.key}, not written in ${doc.source}: it comes from the template)`,
        fix: where ? markdownFix : templateFix,
      });
    };

    for (const link of page.facts.links) {
      const problem = brokenTarget(link.resolved, baseUrl, ctx.outDir, idsByFile);
      if (problem) {
        report(link.resolved, `${link.tag === "a" ? "links" : `<${link.tag}> points`} to ${shortUrl(link.resolved, baseUrl)}, ${problem}`, "fix the address, or create the page it points to", "fix the address in the template");
      }
    }
    for (const image of page.facts.images) {
      const shown = image.raw || "(no src)";
      if (image.alt === null) {
        findings.push({
          gate: "links",
          severity: "error",
          file: doc.source,
          message: `image ${shown} has no alt text`,
          fix: "describe what the image shows between the brackets: ![what it shows](file.png); a template image needs alt=\"…\" (or alt=\"\" when it is only decoration)",
        });
      }
      const problem = brokenTarget(image.resolved, baseUrl, ctx.outDir, idsByFile);
      if (problem) report(image.resolved, `image ${shortUrl(image.resolved, baseUrl)} is missing: ${problem}`, "add the image file beside the Markdown file, or fix its name", "fix the image address in the template");
    }
    for (const { blocked, directive } of page.cspBlocked) {
      if (isOffSite(blocked, baseUrl)) continue; // the privacy gate's
      findings.push({
        gate: "links",
        severity: "error",
        file: templateOf(doc),
        message: `${doc.key}: the page's own Content-Security-Policy blocks ${blocked.startsWith("http") ? shortUrl(blocked, baseUrl) : `"${blocked}"`} (${directive}), so part of it does not load`,
        fix: "load it as a file from the site, or allow it in the policy (src/eleventy/csp.ts)",
      });
    }
    for (const url of page.missing) {
      report(url, `loads ${shortUrl(url, baseUrl)}, which is not in output/`, "fix the address, or add the file", "fix the address in the template, or add the file to templates/assets/");
    }
    result.cells.set(doc.key, { text: String(findings.length), status: statusOf(findings) });
    result.findings.push(...findings);
  }
  return result;
}

/** Why a resolved URL points at nothing, or undefined when it is fine (or not ours to check). */
function brokenTarget(resolved: string, baseUrl: string, outDir: string, idsByFile: Map<string, Set<string>>): string | undefined {
  let url: URL;
  try {
    url = new URL(resolved);
  } catch {
    return "which is not a valid address";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined; // mailto:, tel:, data:
  const base = new URL(baseUrl);
  if (url.origin !== base.origin) return undefined; // another site: not followed
  const file = fileForUrl(url.href, baseUrl, outDir);
  if (!file) return `which is outside the site's base address ${baseUrl}`;
  let target = file;
  if (existsSync(file) && statSync(file).isDirectory()) {
    target = path.join(file, "index.html");
    if (!existsSync(target)) return "which is a folder with no index.html";
  }
  if (!existsSync(target)) return "which does not exist in the built site";
  // `#/3` is a reveal.js slide address, not an element id.
  if (url.hash.length > 1 && !url.hash.startsWith("#/")) {
    const ids = idsByFile.get(path.resolve(target));
    const id = decodeURIComponent(url.hash.slice(1));
    if (ids && !ids.has(id)) return `but that page has no element with id "${id}"`;
  }
  return undefined;
}

function shortUrl(resolved: string, baseUrl: string): string {
  return resolved.startsWith(baseUrl) ? `/${resolved.slice(baseUrl.length)}` : resolved;
}
