/**
 * The content model: what the front matter of a page, a handout and a deck may hold.
 * Validated once, where files enter the build (validate-content.ts); nothing downstream re-checks it.
 */
import { z } from "zod";
import { contentToday, isCalendarDate } from "./today.ts";

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lower-case letters, digits and single hyphens, like `knee-pain`");
/** A document's name in front matter lists: its slug in the same topic, or `other-topic/slug` (src/content/names.ts). */
const documentName = z.string().regex(/^(?:[a-z0-9]+(?:-[a-z0-9]+)*\/)?[a-z0-9]+(?:-[a-z0-9]+)*$/, "a slug of this topic like `knee-pain`, or another topic's written `other-topic/knee-pain`");

/**
 * Dates stay the text the author wrote (front matter is read with YAML's core schema, which makes no Date, so
 * `2026-13-20` is not rolled over into January 2027); a Date still passes, for callers that parse YAML
 * themselves. The day must exist in the calendar.
 */
const isoDate = z
  .union([z.date(), z.string(), z.number()])
  .transform((value, ctx) => {
    const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value).trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) {
      ctx.addIssue({ code: "custom", message: "a date written as YYYY-MM-DD, like 2026-11-15" });
      return z.NEVER;
    }
    if (!isCalendarDate(text)) {
      ctx.addIssue({ code: "custom", message: `a date that exists: ${text} is not a day of the calendar (months run 01-12, and each month has its own number of days)` });
      return z.NEVER;
    }
    return text;
  });

const common = {
  title: z.string().trim().min(3, "a title of at least 3 characters").max(110, "a title of at most 110 characters"),
  summary: z.string().trim().min(10, "a one-line summary of at least 10 characters").max(240, "a one-line summary of at most 240 characters"),
  lang: z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, "a language tag such as en or es-MX").optional(),
  reviewed: isoDate,
  nextReview: isoDate,
  reviewedBy: z.string().trim().min(2, "the reviewing role, such as `Content team`"),
  handouts: z.array(documentName).default([]),
  // parts-print: which warning signs the `![[red-flags]]` box shows (set names from the topic's red-flags.yaml).
  redFlags: z.union([z.literal("all"), z.array(slug).min(1, "at least one set, like [general]")]).optional(),
  // parts-print: a clinician's sign-off, printed only when present (otherwise the sheet says content team only).
  clinicalReview: z
    .strictObject({
      by: z.string().trim().min(2, "the approving role, like `Orthopaedic lead`"),
      date: isoDate,
    })
    .optional(),
  // Translations (issue 14): a translation names its source document (same topic and kind, the main language),
  // the source's content stamp and per-section fingerprints it was made from (written by the translation-stamp
  // command, so the check can name the sections that changed since), who made it (a role), and, once a qualified
  // medical translator has checked it, that review.
  translationOf: slug.optional(),
  sourceStamp: z.string().regex(/^[0-9a-f]{10}$/, "the source's content stamp, 10 hex digits (run `npm run translation-stamp -- <file>`)").optional(),
  sourceSections: z.record(z.string(), z.string().regex(/^[0-9a-f]{8}$/, "8 hex digits (run `npm run translation-stamp -- <file>`)")).optional(),
  translator: z.string().trim().min(2, "who made the translation, as a role, like `Content team (draft)`").optional(),
  translationReview: z
    .strictObject({
      by: z.string().trim().min(2, "the reviewing role, like `Qualified medical translator`"),
      date: isoDate,
    })
    .optional(),
};

export const pageSchema = z.strictObject({
  kind: z.literal("page"),
  ...common,
  audience: z.enum(["patient", "clinician"]).default("patient"),
  order: z.number().int().min(0).default(100),
  decks: z.array(documentName).default([]),
});

export const handoutSchema = z.strictObject({
  kind: z.literal("handout"),
  ...common,
  audience: z.enum(["patient", "clinician"]).default("patient"),
  relatedPage: documentName.optional(),
});

export const deckSchema = z.strictObject({
  kind: z.literal("deck"),
  ...common,
  audience: z.enum(["patient", "clinician"]).default("clinician"),
  subtitle: z.string().trim().max(140).optional(),
  // Presenting (issue 15), all optional: who gives the talk, where and when, shown on the title slide; and the
  // minutes it should take, shown as a pacing target in the speaker view.
  presenter: z.string().trim().min(2, "the presenter's name, like `Dr A. Rivera, orthopaedics`").max(120).optional(),
  event: z.string().trim().min(2, "the meeting, like `Grand rounds`").max(120).optional(),
  date: isoDate.optional(),
  minutes: z.number().int("a whole number of minutes, like 20").min(1).max(480).optional(),
});

export const frontMatterSchema = z
  .discriminatedUnion("kind", [pageSchema, handoutSchema, deckSchema], {
    error: (issue) => (issue.code === "invalid_union" ? "one of page, handout or deck" : undefined),
  })
  .superRefine((data, ctx) => {
    if (data.nextReview <= data.reviewed) {
      ctx.addIssue({ code: "custom", path: ["nextReview"], message: `a date after reviewed (${data.reviewed})` });
    }
    const today = contentToday();
    if (data.reviewed > today) {
      ctx.addIssue({ code: "custom", path: ["reviewed"], message: `the day the content was last reviewed, which cannot be after today (${today}); ${data.reviewed} is in the future` });
    }
  });

export type FrontMatter = z.output<typeof frontMatterSchema>;
export type PageData = z.output<typeof pageSchema>;
export type HandoutData = z.output<typeof handoutSchema>;
export type DeckData = z.output<typeof deckSchema>;
export type Kind = FrontMatter["kind"];

export const referenceSchema = z.strictObject({
  short: z.string().trim().min(2),
  authors: z.string().trim().optional(),
  title: z.string().trim().min(3),
  container: z.string().trim().optional(),
  year: z.number().int().min(1800).max(2100).optional(),
  doi: z.string().trim().optional(),
  url: z.url({ protocol: /^https?$/ }).optional(),
  note: z.string().trim().optional(),
  // The language the source is written in; absent: the site's main language. A page in another language marks
  // the reference with it (`lang="en"` on a Spanish page), so screen readers read its title right.
  lang: z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, "a language tag such as en or es").optional(),
});
export type Reference = z.output<typeof referenceSchema>;

/** parts-print: one warning sign in content/<topic>/_data/red-flags.yaml. */
export const RED_FLAG_LEVELS = ["emergency", "today", "soon"] as const;
export type RedFlagLevel = (typeof RED_FLAG_LEVELS)[number];
export const redFlagSchema = z.strictObject({
  id: slug,
  level: z.enum(RED_FLAG_LEVELS, { error: "one of emergency, today or soon" }),
  sets: z.array(slug).min(1, "at least one set, like [general]"),
  text: z.string().trim().min(10, "the warning sign in plain words, at least 10 characters"),
  action: z.string().trim().min(3).optional(),
  cite: z.array(z.string().regex(/^[A-Za-z0-9_-]+$/, "a reference key like R01")).min(1, "at least one reference key, like [R01]"),
});
export type RedFlag = z.output<typeof redFlagSchema>;

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, "a colour written as #RRGGBB");

/**
 * A clinic value written once, in the main language, or per language: `{ "en": "...", "es": "..." }` (issue 14).
 * A page asks for its own language's and falls back to the main language's (src/i18n/locale.ts).
 */
const perLanguage = (min: number) =>
  z.union([
    z.string().trim().min(min),
    z
      .record(z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, "a language tag such as en or es"), z.string().trim().min(min))
      .refine((value) => Object.keys(value).length > 0, 'at least one language, like { "en": "...", "es": "..." }'),
  ], { error: `text, or one text per language like { "en": "...", "es": "..." }` });

/**
 * Issue 14: reading-level limits for one language. A language measured by a grade (English, Flesch–Kincaid) takes
 * maxGrade and warnGrade; one measured by an ease (Spanish, INFLESZ) takes minEase and warnEase.
 */
export const readabilityLimitsSchema = z.strictObject({
  maxGrade: z.number().min(1).max(20).optional(),
  warnGrade: z.number().min(1).max(20).optional(),
  minEase: z.number().min(0).max(100).optional(),
  warnEase: z.number().min(0).max(100).optional(),
});
export type ReadabilityLimits = z.output<typeof readabilityLimitsSchema>;

export const clinicSchema = z.strictObject({
  name: z.string().trim().min(2),
  phone: z.string().trim().min(3),
  afterHours: perLanguage(1).optional(),
  address: perLanguage(1).optional(),
  website: z.url({ protocol: /^https?$/ }).optional(),
  logo: z
    .string()
    .regex(/^[A-Za-z0-9_./-]+\.(svg|png)$/, "a path to an .svg or .png file inside content/, like `_data/logo.svg`")
    .refine((p) => !p.split("/").includes(".."), "a path inside content/ (no `..`)")
    .optional(),
  brandColor: colour.default("#1d5c8c"),
  paper: z.enum(["letter", "a4"]).default("letter"),
  baseUrl: z
    .url({ protocol: /^https$/, error: "the site's public address, starting with https:// (the QR codes and links on printed sheets use it, and browsers warn on http), like https://clinic.example.org/handouts/" })
    .transform((u) => (u.endsWith("/") ? u : `${u}/`)),
  siteTitle: perLanguage(3),
  // parts-print: the only source of the emergency number anything prints ("911", "999", "112", ...).
  emergencyNumber: z.string().trim().regex(/^[0-9][0-9 -]{1,14}$/, 'the emergency number as digits, like "911", "999" or "112"'),
  // parts-print: how dates are written (Intl.DateTimeFormat), as a BCP-47 tag.
  locale: z
    .string()
    .trim()
    .refine((tag) => {
      try {
        return Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0;
      } catch {
        return false;
      }
    }, "a language and region tag such as en-US, en-GB or es-MX")
    .default("en-US"),
  // Issue 14: limits per language, like { "en": { "maxGrade": 8 }, "es": { "minEase": 55 } }; a language left out
  // keeps the defaults (README, "Readability per language").
  readability: z.record(z.string().regex(/^[a-z]{2,3}$/, "a language code such as en or es"), readabilityLimitsSchema).optional(),
});
export type Clinic = z.output<typeof clinicSchema>;
