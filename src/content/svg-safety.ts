/**
 * PLACEHOLDER until the `safety` branch lands its own src/content/svg-safety.ts (same signature; take theirs at
 * merge). An SVG is code: what makes one unsafe to copy or inline into a page, as one plain sentence per problem.
 * Empty when the SVG is safe.
 */
export function checkSvg(text: string): string[] {
  const problems: string[] = [];
  const body = text.replace(/<!--[\s\S]*?-->/g, "");
  if (!/<svg[\s>]/i.test(body)) problems.push("it is not an SVG drawing (no <svg> element)");
  if (/<script[\s>/]/i.test(body)) problems.push("it holds a <script>");
  if (/<foreignObject[\s>/]/i.test(body)) problems.push("it holds a <foreignObject>");
  for (const match of body.matchAll(/\s(on[a-z]+)\s*=/gi)) problems.push(`it has an event handler attribute (${match[1]})`);
  for (const match of body.matchAll(/\s(?:xlink:)?href\s*=\s*["']\s*([^"'\s]*)/gi)) {
    if (!(match[1] ?? "").startsWith("#")) problems.push(`it refers to something outside itself (href="${match[1]}")`);
  }
  for (const match of body.matchAll(/url\(\s*["']?\s*([^)"'\s]*)/gi)) {
    if (!(match[1] ?? "").startsWith("#")) problems.push(`it refers to something outside itself (url(${match[1]}))`);
  }
  if (/<!ENTITY/i.test(body)) problems.push("it declares XML entities");
  return problems;
}
