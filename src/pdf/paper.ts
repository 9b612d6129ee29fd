/** Paper sizes in CSS pixels (96 per inch) and PDF points (72 per inch). */
export type Paper = "letter" | "a4";

export const PAPER: Record<Paper, { cssName: string; widthPx: number; heightPx: number; widthPt: number; heightPt: number; label: string }> = {
  letter: { cssName: "letter", widthPx: 816, heightPx: 1056, widthPt: 612, heightPt: 792, label: "Letter" },
  a4: { cssName: "A4", widthPx: 793.7, heightPx: 1122.5, widthPt: 595.28, heightPt: 841.89, label: "A4" },
};

export const pxToMm = (px: number): number => (px / 96) * 25.4;
