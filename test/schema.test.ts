import { describe, expect, it } from "vitest";
import { parseDocument, splitFrontMatter } from "../src/content/front-matter.ts";
import { ContentError, ContentErrors } from "../src/errors.ts";

const valid = `---
kind: handout
title: Knee pain
summary: What to do about knee pain at home.
reviewed: 2026-11-15
nextReview: 2027-11-15
reviewedBy: Content team
---

Body text.
`;

function errorOf(fn: () => unknown): ContentError | ContentErrors {
  try {
    fn();
  } catch (error) {
    if (error instanceof ContentError || error instanceof ContentErrors) return error;
    throw error;
  }
  throw new Error("expected a content error");
}

describe("front matter schema", () => {
  it("accepts a valid handout and fills in the defaults", () => {
    const doc = parseDocument("content/t/handouts/knee.md", valid);
    expect(doc.data).toMatchObject({ kind: "handout", audience: "patient", reviewed: "2026-11-15", handouts: [] });
    // No `lang` default here: a document without one is in the site's main language, from the clinic's locale.
    expect(doc.data.lang).toBeUndefined();
    expect(doc.bodyStartLine).toBe(9);
  });

  it("names the file, the line and the field of an invalid value, and what was expected", () => {
    const error = errorOf(() => parseDocument("content/t/handouts/knee.md", valid.replace("reviewed: 2026-11-15", "reviewed: last spring")));
    expect(error.message).toContain("content/t/handouts/knee.md:5");
    expect(error.message).toContain("`reviewed`");
    expect(error.message).toContain("YYYY-MM-DD");
  });

  it("names a missing required field", () => {
    const error = errorOf(() => parseDocument("a.md", valid.replace("summary: What to do about knee pain at home.\n", "")));
    expect(error.message).toMatch(/field `summary` is missing/);
  });

  it("rejects an unknown field with the line it is on", () => {
    const error = errorOf(() => parseDocument("a.md", valid.replace("reviewedBy: Content team", "reviewedBy: Content team\nreviewr: typo")));
    expect(error.message).toContain("a.md:8");
    expect(error.message).toContain("`reviewr`");
  });

  it("rejects an unknown kind and lists the kinds there are", () => {
    const error = errorOf(() => parseDocument("a.md", valid.replace("kind: handout", "kind: leaflet")));
    expect(error.message).toContain("`kind`");
    expect(error.message).toMatch(/page, handout or deck/);
  });

  it("requires the next review to come after the last review", () => {
    const error = errorOf(() => parseDocument("a.md", valid.replace("nextReview: 2027-11-15", "nextReview: 2025-01-01")));
    expect(error.message).toContain("`nextReview`");
    expect(error.message).toContain("after reviewed (2026-11-15)");
  });

  it("refuses front matter that would run code", () => {
    const error = errorOf(() => splitFrontMatter("evil.md", "---js\n{ title: require('fs').readFileSync('/etc/passwd') }\n---\n"));
    expect(error.message).toContain("evil.md:1");
    expect(error.message).toContain("not allowed");
  });

  it("reports broken YAML with its line", () => {
    const error = errorOf(() => parseDocument("b.md", valid.replace("title: Knee pain", "title: Knee: pain: worse")));
    expect(error.message).toMatch(/^b\.md:3: broken YAML/);
  });

  it("says YAML mistakes in plain words at the line to fix, never in the parser's terms", () => {
    const cases: [string, RegExp][] = [
      [valid.replace("title: Knee pain", "title: Knee pain\ntitle: Again"), /^a\.md:4: broken YAML: a field is written twice/],
      [valid.replace("title: Knee pain", 'title: "Knee pain'), /^a\.md:3: broken YAML: a quote opened on this line is not closed/],
      [valid.replace("reviewedBy: Content team", "reviewedBy: Content team\nhandouts: [knee, hip"), /^a\.md:8: broken YAML: a list `\[` or group `\{` opened on this line is not closed/],
      [valid.replace("title: Knee pain", "title: !!js/function 'x'"), /^a\.md:3: broken YAML: this line uses YAML syntax the content does not allow/],
    ];
    for (const [text, says] of cases) {
      const error = errorOf(() => parseDocument("a.md", text));
      expect(error.message).toMatch(says);
      expect(error.message).not.toMatch(/stream|scalar|mapping|flow collection/);
    }
  });

  it("keeps dates as written, so an impossible one is refused rather than rolled over into the next year", () => {
    const error = errorOf(() => parseDocument("a.md", valid.replace("reviewed: 2026-11-15", "reviewed: 2026-13-20")));
    expect(error.message).toMatch(/^a\.md:5: field `reviewed` is invalid \(it says `2026-13-20`\): it should be a date that exists/);
    expect(parseDocument("a.md", valid).data.reviewed).toBe("2026-11-15");
  });
});
