/**
 * Numbers for the ids a rendered document needs (figures, boxes, form fields, glossary terms), counted per
 * render environment (Eleventy passes each document's data as the markdown-it `env`): ids are unique on a page,
 * each document counts from 1, and nothing is written into the document's data.
 */
const counters = new WeakMap<object, Map<string, number>>();
const loose = new Map<string, number>();

/** The next number (from 1) of the named counter for this render. */
export function nextNumber(env: unknown, name: string): number {
  let map = loose;
  if (env !== null && typeof env === "object") {
    map = counters.get(env) ?? new Map<string, number>();
    counters.set(env, map);
  }
  const next = (map.get(name) ?? 0) + 1;
  map.set(name, next);
  return next;
}
