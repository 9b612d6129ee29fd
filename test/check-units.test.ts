/**
 * The quality gates' pure parts, without a build or a browser: the reading-grade count, the Markdown link and
 * image check the build runs at load time, and reading a PDF's facts with pdf-lib.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDFDocument, PDFName, StandardFonts } from "pdf-lib";
import { afterAll, describe, expect, it } from "vitest";
import { checkMarkdownTargets, findMarkdownTargets } from "../src/check/markdown-targets.ts";
import { readPdfFacts } from "../src/check/pdf-facts.ts";
import { readingStats, splitSentences, syllablesIn } from "../src/check/reading-grade.ts";

describe("the reading grade", () => {
  it("counts syllables word by word, numbers as spoken and initialisms letter by letter", () => {
    expect(syllablesIn("bone")).toBe(1);
    expect(syllablesIn("ibuprofen")).toBe(4);
    expect(syllablesIn("6")).toBe(1);
    expect(syllablesIn("11")).toBe(3); // e-lev-en
    expect(syllablesIn("20")).toBe(2);
    expect(syllablesIn("911")).toBe(3); // nine one one
    expect(syllablesIn("2026")).toBe(5); // twen-ty twen-ty-six
    expect(syllablesIn("555-0142")).toBe(8); // digit by digit, "ze-ro"
    expect(syllablesIn("MRI")).toBe(3);
    expect(syllablesIn("CT")).toBe(2);
  });

  it("ends sentences at full stops, question and exclamation marks, but not after e.g. or inside 1.5", () => {
    expect(splitSentences("Rest the leg. Does it hurt? Call us! Then wait.")).toHaveLength(4);
    expect(splitSentences("Take 1.5 tablets, e.g. with food. Then rest.")).toEqual(["Take 1.5 tablets, e.g. with food.", "Then rest."]);
  });

  it("counts a heading only when it ends like a sentence, and each list item as a sentence of its own", () => {
    const label = readingStats([{ text: "Common causes", heading: true }, { text: "Rest helps.", heading: false }]);
    expect(label.sentences).toBe(1);
    const question = readingStats([{ text: "What is it?", heading: true }, { text: "Rest helps.", heading: false }]);
    expect(question.sentences).toBe(2);
    const list = readingStats([{ text: "You have a fever", heading: false }, { text: "The leg is cold", heading: false }]);
    expect(list.sentences).toBe(2);
  });

  it("grades plain words low and long, dense sentences high", () => {
    const plain = readingStats([{ text: "Rest the leg. Walk a bit each day. Call us if it gets worse.", heading: false }]);
    expect(plain.grade).toBeLessThan(3);
    const hard = readingStats([
      {
        text: "Subchondral insufficiency fractures, characteristically manifesting in osteoporotic individuals, necessitate comprehensive radiological evaluation and individualized therapeutic interventions emphasizing protected weight-bearing.",
        heading: false,
      },
    ]);
    expect(hard.grade).toBeGreaterThan(20);
    expect(hard.longestWords[0]?.syllables).toBeGreaterThanOrEqual(6);
  });
});

describe("the Markdown link and image check the build runs", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "handouts-targets-"));
  const contentDir = path.join(dir, "content");
  const file = path.join(contentDir, "topic", "handouts", "knee.md");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const check = (body: string) =>
    checkMarkdownTargets({
      source: "content/topic/handouts/knee.md",
      file,
      contentDir,
      body,
      firstLine: 10,
      pageUrl: "/handouts/knee/",
      knownUrls: new Set(["/", "/when-to-get-help/", "/handouts/knee/", "/handouts/knee/knee.letter.pdf"]),
    }).map((e) => e.message);

  it("finds links and images with the line they are on", () => {
    expect(findMarkdownTargets("Intro.\n\nSee [help](/when-to-get-help/) and\n![An MRI](mri.png).")).toEqual([
      { kind: "link", target: "/when-to-get-help/", alt: "", line: 3 },
      { kind: "image", target: "mri.png", alt: "An MRI", line: 4 },
    ]);
  });

  it("accepts links to pages and PDFs of the site, other sites, and fragments", () => {
    expect(check("[a](/when-to-get-help/) [b](../../) [c](knee.letter.pdf) [d](https://example.org/) [e](#top) [f](mailto:a@b.c)")).toEqual([]);
  });

  it("refuses a link to a page that does not exist, naming the file and line and suggesting the likely page", () => {
    const messages = check("Text.\n\nRead [this](/knee/).");
    expect(messages).toEqual([expect.stringMatching(/^content\/topic\/handouts\/knee\.md:12: link to `\/knee\/`, which is not a page of this site: did you mean `\/handouts\/knee\/`\?/)]);
  });

  it("refuses an image with no file and no alt text, and an image from another site", () => {
    const messages = check("![](missing.png)\n\n![A chart](https://cdn.example.net/chart.png)");
    expect(messages).toEqual([
      expect.stringMatching(/knee\.md:10: image `missing\.png` has no alt text/),
      expect.stringMatching(/knee\.md:10: image file `missing\.png` not found \(looked for content\/topic\/handouts\/missing\.png\)/),
      expect.stringMatching(/knee\.md:12: image `https:\/\/cdn\.example\.net\/chart\.png` comes from another site/),
    ]);
  });

  it("accepts an image beside the Markdown file that has alt text", () => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(path.join(path.dirname(file), "mri.png"), "png");
    expect(check("![An MRI of the knee](mri.png)")).toEqual([]);
  });
});

describe("reading a PDF's facts", () => {
  it("reads page sizes, title, language, tags and fonts, and sees a font that is not embedded and a Type 3 font", async () => {
    const pdf = await PDFDocument.create();
    const helvetica = await pdf.embedFont(StandardFonts.Helvetica);
    const page = pdf.addPage([420, 595]);
    page.drawText("Not embedded", { font: helvetica, x: 20, y: 500 });
    pdf.addPage([420, 595]);
    const type3 = pdf.context.register(pdf.context.obj({ Type: "Font", Subtype: "Type3", Name: "Drawn" }));
    page.node.setFontDictionary(PDFName.of("F9"), type3);
    const facts = await readPdfFacts(await pdf.save());
    expect(facts.pages).toEqual([
      { widthPt: 420, heightPt: 595 },
      { widthPt: 420, heightPt: 595 },
    ]);
    expect(facts).toMatchObject({ title: "", lang: "", marked: false, structureTree: false });
    expect(facts.fonts).toEqual(
      expect.arrayContaining([
        { name: "Helvetica", subtype: "Type1", embedded: false },
        { name: "(unnamed)", subtype: "Type3", embedded: true },
      ]),
    );
  });
});
