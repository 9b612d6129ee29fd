/**
 * Is an SVG safe to publish and to inline into a page? An SVG is a document that can run scripts and fetch from
 * other sites, and the build copies every drawing to the site's own origin (or inlines it into a page), so a
 * drawing may hold only shapes, text and references to its own parts (`#id`). Parsed with saxes, a strict XML
 * parser, so a problem hidden by odd spacing, entities or comments is still found.
 *
 * checkSvg returns one plain sentence per problem (empty when the drawing is safe); the callers add the file.
 */
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from "saxes";

/** Elements that run code or embed another document. */
const FORBIDDEN_ELEMENTS: Record<string, string> = {
  script: "a <script> element (code that runs when the drawing is opened)",
  foreignobject: "a <foreignObject> element (it embeds a web page inside the drawing)",
  iframe: "an <iframe> element (it embeds another page)",
  embed: "an <embed> element (it embeds another file)",
  object: "an <object> element (it embeds another file)",
  handler: "a <handler> element (code that runs when the drawing is opened)",
  listener: "a <listener> element (it attaches code to the drawing)",
};

/** Animation elements that could change an attribute into a link or an event handler after loading. */
const ANIMATION_ELEMENTS = new Set(["set", "animate", "animatetransform", "animatemotion"]);

/** `url(...)` anywhere in CSS or an attribute; group 1 is what it points at. */
const CSS_URL = /url\(\s*(['"]?)(.*?)\1\s*\)/gi;

export function checkSvg(text: string): string[] {
  const problems: string[] = [];
  const add = (line: number, problem: string): void => {
    const sentence = `line ${line}: ${problem}`;
    if (!problems.includes(sentence)) problems.push(sentence);
  };
  const parser = new SaxesParser({ xmlns: true, position: true });
  const line = (): number => parser.line;
  let root: string | undefined;
  let inStyle = 0;
  let styleText = "";
  let styleLine = 0;

  const checkCss = (css: string, at: number, where: string): void => {
    if (/@import/i.test(css)) add(at, `${where} uses @import, which loads a style sheet from elsewhere: remove it`);
    for (const match of css.matchAll(CSS_URL)) {
      const target = (match[2] ?? "").trim();
      if (!target.startsWith("#")) add(at, `${where} points outside the drawing with url(${target}): only url(#id) of a part of this drawing is allowed`);
    }
    if (/expression\s*\(|javascript:|behavior\s*:|-moz-binding/i.test(css)) add(at, `${where} holds code (javascript:, expression() or a binding): remove it`);
    // Other ways CSS loads a file by its address, and escapes that could spell url( or @import in disguise.
    if (/(?:image-set|image|cross-fade|src)\s*\(\s*['"]/i.test(css)) add(at, `${where} loads a file by its address (image-set() or a similar function): remove it`);
    if (css.includes("\\")) add(at, `${where} uses a CSS escape (a backslash), which can hide an address: write the value plainly`);
  };

  parser.on("doctype", () => {
    add(line(), "a <!DOCTYPE> declaration (it can define entities that read other files): remove it; SVG needs none");
  });
  parser.on("processinginstruction", (pi) => {
    add(line(), `a <?${pi.target} ...?> instruction (it can load a style sheet from elsewhere): remove it`);
  });
  parser.on("opentag", (tag: SaxesTagNS) => {
    const name = tag.local.toLowerCase();
    root ??= name;
    const forbidden = FORBIDDEN_ELEMENTS[name];
    if (forbidden) add(line(), `${forbidden}: remove it`);
    if (name === "style") {
      inStyle++;
      styleText = "";
      styleLine = line();
    }
    for (const attribute of Object.values(tag.attributes) as SaxesAttributeNS[]) {
      const local = attribute.local.toLowerCase();
      const value = attribute.value;
      if (local.startsWith("on")) {
        add(line(), `the attribute ${attribute.name} on <${tag.name}> runs code when something happens to the drawing: remove it`);
      } else if (local === "href" || local === "src") {
        if (!value.trim().startsWith("#")) {
          add(line(), `<${tag.name} ${attribute.name}="${shorten(value)}"> points outside the drawing: only links to a part of this drawing (#id) are allowed; draw the picture in the file itself`);
        }
      } else if (local === "style") {
        checkCss(value, line(), `the style on <${tag.name}>`);
      } else if (/url\(/i.test(value) || /javascript:/i.test(value)) {
        checkCss(value, line(), `the attribute ${attribute.name} on <${tag.name}>`);
      }
      if (ANIMATION_ELEMENTS.has(name) && local === "attributename" && /^(?:[a-z]+:)?(?:href|on.*)$/i.test(value.trim())) {
        add(line(), `<${tag.name}> changes the attribute ${value.trim()} while the drawing is shown (a way to add a link or code): remove it`);
      }
    }
  });
  parser.on("closetag", (tag: SaxesTagNS) => {
    if (tag.local.toLowerCase() === "style" && inStyle > 0) {
      inStyle--;
      checkCss(styleText, styleLine, "the <style> element");
    }
  });
  parser.on("text", (text) => {
    if (inStyle) styleText += text;
  });
  parser.on("cdata", (text) => {
    if (inStyle) styleText += text;
  });

  try {
    parser.write(text.replace(/^\uFEFF/, "")).close();
  } catch (error) {
    // saxes reports "line:column: message."; keep the line and its reason.
    const reason = (error as Error).message.replace(/^(?:[^:\d][^:]*:)?\d+:\d+:\s*/, "").replace(/\.$/, "");
    problems.push(`line ${line()}: ${reason}: the file is not well-formed SVG (open it in a drawing program and save it again)`);
    return problems;
  }
  if (root === undefined) problems.push("the file holds no drawing: an SVG file starts with <svg");
  else if (root !== "svg") problems.push(`the file starts with <${root}>, not <svg>: it is not an SVG drawing`);
  return problems;
}

function shorten(value: string): string {
  const flat = value.replace(/\s+/g, " ").trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
