/**
 * output/manifest.json: the plain job list between the site build and the PDF renderer. Built from the
 * validated content model, so it needs nothing from Eleventy.
 */
import { mainLanguage, valueIn } from "../i18n/locale.ts";
import { createHash } from "node:crypto";
import type { Content } from "../content/load-content.ts";
import { deckExportPaths, deckPdfPaths, documentUrl, handoutPdfPaths, handoutPrintStylePath, handoutThumbnailPath, htmlPathFor, placeOf } from "../content/urls.ts";
import { contentStamp } from "../content/content-stamp.ts";
import type { Kind } from "../content/schema.ts";

export interface ManifestArtifact {
  kind: Kind;
  slug: string;
  title: string;
  summary: string;
  audience: "patient" | "clinician";
  lang: string;
  topic: string;
  source: string;
  url: string;
  html: string;
  reviewed: string;
  nextReview: string;
  pdf?: { letter: string; a4: string; largePrint: string } | { slides: string; notes: string };
  /** Handouts: a PNG picture of the printed page (clinic's paper size). */
  thumbnail?: string;
  /** Handouts: the page's print stylesheet (paper size and fitted type step), relative to output/. */
  printCss?: string;
  /** Decks: the editable PowerPoint (with speaker notes) and the one-file offline deck, relative to output/. */
  pptx?: string;
  singleFile?: string;
  /** parts-print: a clinician's sign-off from front matter, when there is one. */
  clinicalReview?: { by: string; date: string };
  /** Handouts and decks: a short hash of the text that shaped them, printed on the page to trace a sheet back. */
  stamp?: string;
}

export interface Manifest {
  site: {
    title: string;
    baseUrl: string;
    paper: "letter" | "a4";
    clinic: string;
    /** The site's main language (language part of the clinic's locale): its documents' addresses are unprefixed. */
    lang: string;
    /** A hash of all the clinic's settings: a change to any of them re-prints every PDF. */
    clinicSettings: string;
  };
  artifacts: ManifestArtifact[];
}

const KIND_ORDER: Record<Kind, number> = { page: 0, handout: 1, deck: 2 };

export function buildManifest(content: Content): Manifest {
  const artifacts = content.documents
    .map((doc): ManifestArtifact => {
      const place = placeOf(doc, content.mainLang);
      const url = documentUrl(place);
      const base: ManifestArtifact = {
        kind: doc.data.kind,
        slug: doc.slug,
        title: doc.data.title,
        summary: doc.data.summary,
        audience: doc.data.audience,
        lang: doc.lang,
        topic: doc.topic,
        source: doc.source,
        url,
        html: htmlPathFor(url),
        reviewed: doc.data.reviewed,
        nextReview: doc.data.nextReview,
      };
      if (doc.data.kind === "handout") {
        base.pdf = handoutPdfPaths(place);
        base.thumbnail = handoutThumbnailPath(place);
        base.printCss = handoutPrintStylePath(place);
      }
      base.stamp = contentStamp(content.contentDir, doc.body, doc.topic);
      if (doc.data.clinicalReview) base.clinicalReview = doc.data.clinicalReview;
      if (doc.data.kind === "deck") Object.assign(base, { pdf: deckPdfPaths(place) }, deckExportPaths(place));
      return base;
    })
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.url.localeCompare(b.url));
  return {
    site: {
      // The site title in the main language (a clinic may give it per language).
      title: valueIn(content.clinic.siteTitle, undefined, mainLanguage(content.clinic.locale))!.text,
      baseUrl: content.clinic.baseUrl,
      paper: content.clinic.paper,
      clinic: content.clinic.name,
      lang: content.mainLang,
      clinicSettings: createHash("sha256").update(JSON.stringify(content.clinic)).digest("hex").slice(0, 16),
    },
    artifacts,
  };
}
