/** Paper sizes in CSS pixels (96 per inch) and PDF points (72 per inch). */
export type Paper = "letter" | "a4";

export const PAPER: Record<Paper, { cssName: string; widthPx: number; heightPx: number; widthPt: number; heightPt: number; label: string }> = {
  letter: { cssName: "letter", widthPx: 816, heightPx: 1056, widthPt: 612, heightPt: 792, label: "Letter" },
  a4: { cssName: "A4", widthPx: 793.7, heightPx: 1122.5, widthPt: 595.28, heightPt: 841.89, label: "A4" },
};

export const pxToMm = (px: number): number => (px / 96) * 25.4;

/**
 * Large print is two pages when any type step can hold it there; a handout that two pages cannot hold even at
 * 16 pt (a translation runs a fifth longer than its English source) gets a third page at full size rather than
 * losing words the standard sheet keeps: a reader of large print is owed the whole text.
 */
export const LARGE_PRINT_MOST_PAGES = 3;
