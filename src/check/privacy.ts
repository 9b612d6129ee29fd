/**
 * Privacy gate: while each page loads in Chromium, it requests nothing outside the site (no fonts, scripts,
 * images or trackers from anyone else). Requests are answered from output/ under the site's base URL; anything
 * else is blocked, logged and reported here, and so is an attempt the page's own Content-Security-Policy stopped
 * (a host that drops the policy would let it through).
 */
import { templateOf, type GateContext } from "./context.ts";
import { findLinkTarget } from "./source-lines.ts";
import { urlForHtml } from "./browse.ts";
import { emptyResult, type GateResult } from "./types.ts";

export function privacyGate(ctx: GateContext): GateResult {
  const result = emptyResult();
  const baseUrl = ctx.manifest.site.baseUrl;
  for (const doc of ctx.documents) {
    const page = doc.page;
    if (!page?.facts) continue;
    const attempts = [
      ...page.offOrigin.map((url) => ({ url, how: "" })),
      ...page.cspBlocked.filter((c) => isOffSite(c.blocked, baseUrl)).map((c) => ({ url: c.blocked, how: " (its Content-Security-Policy stopped it; a host may not)" })),
    ];
    for (const { url, how } of attempts) {
      const where = findLinkTarget(ctx.contentDir, doc.source, urlForHtml(doc.key, baseUrl), baseUrl, url);
      result.findings.push({
        gate: "privacy",
        severity: "error",
        file: where?.file ?? templateOf(doc),
        line: where?.line,
        message: `${doc.key} requests ${url} from outside the site while it loads${how}`,
        fix: "serve the file from the site itself (put it in content/ beside the Markdown, or in templates/assets/), or remove it",
      });
    }
    const count = attempts.length;
    result.cells.set(doc.key, { text: String(count), status: count ? "fail" : "pass" });
  }
  return result;
}

/** A web address that is not under the site's base URL (not "inline", "eval" or "data", which a policy also reports). */
export function isOffSite(url: string, baseUrl: string): boolean {
  return /^(https?|wss?):/i.test(url) && !url.startsWith(baseUrl);
}
