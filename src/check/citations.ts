/**
 * Citations gate, read from the built pages: every citation's key is a known reference and has an entry in the
 * page's own source list (an error otherwise); a reference no page cites is a warning, named with its file and
 * line in content/_data/references/. The build already refuses unknown keys; this catches a template or a stale
 * output that lost them.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { readReferences, referenceKeys } from "../content/load-content.ts";
import { resolveCitation } from "../content/names.ts";
import type { GateContext } from "./context.ts";
import { emptyResult, statusOf, type Finding, type GateResult } from "./types.ts";

export function citationsGate(ctx: GateContext): GateResult {
  const result = emptyResult();
  const load = readReferences(ctx.contentDir);
  const keys = referenceKeys(load);
  // `topic/KEY` of every reference some page cites: keys are per topic (two topics may both have R01).
  const citedAnywhere = new Set<string>();
  for (const doc of ctx.documents) {
    const facts = doc.page?.facts;
    if (!facts) continue;
    const cited = [...new Set(facts.citations)];
    const listed = new Set(facts.listedSources);
    const findings: Finding[] = [];
    const topic = doc.artifact?.topic;
    for (const key of cited) {
      // A page made by a template (no topic of its own) cites a key some topic has.
      const resolved = topic !== undefined ? resolveCitation(keys, topic, key) : keys.topics().map((t) => resolveCitation(keys, t, key)).find((r) => !r.problem) ?? { topic: "", key, problem: `cites \`${key}\`, which no topic's references file has` };
      citedAnywhere.add(`${resolved.topic}/${resolved.key}`);
      if (resolved.problem) {
        findings.push({
          gate: "sources",
          severity: "error",
          file: doc.source,
          message: `cites \`${key}\`, which is not in content/_data/references/${topic ?? "<topic>"}.yaml`,
          fix: `${resolved.problem.replace(/^unknown citation `[^`]*`: /, "")}, then rebuild`,
        });
      } else if (!listed.has(key)) {
        findings.push({
          gate: "sources",
          severity: "error",
          file: doc.source,
          message: `cites \`${key}\` but its source list has no entry for it`,
          fix: "rebuild; if it persists, the template's source list (templates/partials/sources.njk) dropped it",
        });
      }
    }
    result.cells.set(doc.key, { text: String(cited.length), status: statusOf(findings) });
    result.findings.push(...findings);
  }
  for (const [topic, references] of ctx.partial ? [] : load.byTopic) {
    for (const key of references.keys()) {
      if (citedAnywhere.has(`${topic}/${key}`)) continue;
      const where = referenceLocation(ctx.contentDir, topic, key);
      result.findings.push({
        gate: "sources",
        severity: "warning",
        file: where?.file ?? `content/_data/references/${topic}.yaml`,
        line: where?.line,
        message: `reference \`${key}\` of topic \`${topic}\` is not cited by any page, handout or deck`,
        fix: `cite it where it supports a claim (\`[@${key}]\`), or remove it`,
      });
    }
  }
  return result;
}

function referenceLocation(contentDir: string, topic: string, key: string): { file: string; line: number } | undefined {
  const dir = path.join(contentDir, "_data", "references");
  if (!existsSync(dir)) return undefined;
  for (const name of readdirSync(dir).filter((n) => n === `${topic}.yaml` || n === `${topic}.yml`)) {
    const index = readFileSync(path.join(dir, name), "utf8").split(/\r?\n/).findIndex((line) => line.startsWith(`${key}:`));
    if (index !== -1) return { file: `${path.basename(contentDir)}/_data/references/${name}`, line: index + 1 };
  }
  return undefined;
}
