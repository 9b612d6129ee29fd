/**
 * Chromium writes the title (from <title>), the language and the tag structure; the document information it
 * cannot know (author, subject, keywords) is added here. Dates are fixed to the content's review date so two
 * builds of the same sources give the same bytes.
 */
import { PDFDocument } from "pdf-lib";

export interface PdfInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  lang: string;
  /** YYYY-MM-DD; used for both the creation and modification dates. */
  date: string;
}

export async function setPdfMetadata(bytes: Uint8Array, info: PdfInfo): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const date = new Date(`${info.date}T00:00:00Z`);
  pdf.setTitle(info.title, { showInWindowTitleBar: true });
  pdf.setAuthor(info.author);
  pdf.setSubject(info.subject);
  pdf.setKeywords(info.keywords);
  pdf.setLanguage(info.lang);
  pdf.setCreator("clinic-handouts (Eleventy + Chromium)");
  pdf.setProducer("clinic-handouts");
  pdf.setCreationDate(date);
  pdf.setModificationDate(date);
  return pdf.save({ useObjectStreams: false, updateFieldAppearances: false });
}

export function pageCountOf(bytes: Uint8Array): number {
  // Chromium writes one `/Type /Page` object per page (and `/Type /Pages` for the tree, excluded here).
  const text = Buffer.from(bytes).toString("latin1");
  return (text.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}
