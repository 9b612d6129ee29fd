/**
 * Writes a deck's editable PowerPoint from the print page the slides PDF was just printed from, still in its
 * slides layout (see deck-model.ts for why the slides are read there, and write-pptx.ts for how they become
 * PowerPoint).
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "puppeteer-core";
import type { PdfJob } from "../pdf/jobs.ts";
import { readDeckModel } from "./deck-model.ts";
import { writePptx } from "./write-pptx.ts";

export async function writeDeckPptx(page: Page, job: PdfJob, file: string, info: { author: string; date: Date }): Promise<void> {
  const model = await readDeckModel(page);
  const bytes = await writePptx(model, { author: info.author, subject: job.summary, date: info.date, lang: job.lang });
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, bytes);
}
