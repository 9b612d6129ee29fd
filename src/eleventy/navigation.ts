/**
 * The guide's reading order, for the "previous / next page" links at the foot of each page.
 */
import { byKind } from "./filters.ts";

interface Item {
  url: string;
  data: { kind?: string; slug?: string; order?: number; title?: string };
}

export interface Neighbours<T> {
  previous?: T | undefined;
  next?: T | undefined;
}

/** The pages before and after the page at `url`, in navigation order; none for a URL that is not a page. */
export function pageNeighbours<T extends Item>(items: readonly T[], url: string): Neighbours<T> {
  const pages = byKind(items, "page");
  const at = pages.findIndex((item) => item.url === url);
  if (at < 0) return {};
  return { previous: pages[at - 1], next: pages[at + 1] };
}
