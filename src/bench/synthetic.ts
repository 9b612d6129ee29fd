/**
 * A synthetic topic of N handouts for `npm run bench --handouts N`: realistic one-page handouts (about 300 words
 * printed, citations, the shared "when to get help" snippet, so every sheet has a sources line and a QR code),
 * each different from the next so Chromium cannot get away with printing the same page N times.
 *
 * The text is made up from interchangeable sentences and is not medical advice; it only has to look and lay out
 * like a real handout. It is deterministic: the same N always gives the same files.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import yaml from "js-yaml";

/** The folder the generated handouts go in: content/<SYNTHETIC_TOPIC>/handouts/. */
export const SYNTHETIC_TOPIC = "synthetic";

/** A small, fast, seedable random number generator (mulberry32), so runs are repeatable. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PARTS = ["knee", "hip", "ankle", "foot", "shoulder", "wrist", "elbow", "lower back", "heel", "shin"];
const ACTIVITIES = ["walking", "climbing stairs", "running", "standing for a long time", "lifting", "gardening", "cycling", "swimming"];
const KEY_MESSAGES = [
  "Pain in the {part} often gets better with rest, time and a slow return to activity.",
  "Most people with a sore {part} get better without surgery, but it can take a few months.",
  "Taking some load off the {part} for a while helps the bone and joint heal.",
  "Your {part} needs time to heal; going back to {activity} slowly helps it stay healed.",
];
const ABOUT = [
  "Your care team found a change in the bone or joint of your {part}.",
  "This change often shows up on an MRI scan as a bright area inside the bone.",
  "It can come from an injury, from repeated load, or from no clear cause at all.",
  "It is common and it is not cancer.",
  "The pain is often worst when you put weight on the {part}, such as when {activity}.",
  "Many people feel better within three to six months.",
  "Some people need a second scan to see how the bone is healing.",
  "Pain at night or at rest is less common and is worth telling your clinic about.",
];
const STEPS = [
  "Use crutches or a walking aid if your clinic gave you one",
  "Cut back on {activity} until the pain settles",
  "Take pain medicine as your clinic told you, and no more than the label says",
  "Keep moving the joints that do not hurt, so they stay strong",
  "Go back to {activity} a little at a time, over several weeks",
  "Stop and rest if the pain gets worse after activity",
  "Eat well and get enough calcium and vitamin D",
  "Stop smoking; it slows bone healing",
  "Go to every follow-up visit, even if you feel better",
  "Ask about a physical therapist who can plan your exercises",
];
const RECOVERY = [
  "Healing is slow: most people need three to six months, and some need a year.",
  "Pain often eases before the bone has fully healed, so keep to the plan.",
  "Your clinic may check your progress with an exam or a scan.",
  "If you have had this before, tell your clinic; it can come back in another place.",
  "Staying active in ways that do not hurt keeps the rest of your body strong while you heal.",
];
const QUESTIONS = [
  "How long should I rest my {part}?",
  "When can I go back to {activity}?",
  "Do I need another scan, and when?",
  "Which pain medicines are safe for me?",
  "What should I do if the pain comes back?",
  "Should I see a physical therapist?",
];

/** Picks `count` different items from `items` in a random order. */
function pick<T>(items: readonly T[], count: number, next: () => number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length) chosen.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
  return chosen;
}

/** The text of handout number `index` (1-based); `keys` are citation keys that exist in the references. */
export function syntheticHandout(index: number, keys: readonly string[]): string {
  const next = random(index * 7919 + 17);
  const part = PARTS[index % PARTS.length]!;
  const activity = ACTIVITIES[Math.floor(next() * ACTIVITIES.length)]!;
  const fill = (text: string): string => text.replaceAll("{part}", part).replaceAll("{activity}", activity);
  const cite = (): string => {
    const chosen = pick(keys, 1 + Math.floor(next() * 2), next);
    return ` [${chosen.map((k) => `@${k}`).join("; ")}]`;
  };
  // The citation goes before the sentence's full stop, as authors write it.
  const cited = (sentence: string): string => `${sentence.replace(/[.?]$/, "")}${cite()}${sentence.match(/[.?]$/)?.[0] ?? ""}`;
  const number = String(index).padStart(4, "0");
  const lines = [
    "---",
    "kind: handout",
    `title: "Your ${part}: a plan for the next weeks (${number})"`,
    `summary: What a change in the bone of the ${part} means, what you can do at home, and when to get help.`,
    "reviewed: 2026-11-01",
    "nextReview: 2027-11-01",
    "reviewedBy: Content team",
    "redFlags: [general]",
    "---",
    "",
    `${cited(fill(KEY_MESSAGES[index % KEY_MESSAGES.length]!))} This is handout ${number} of a test set.`,
    "",
    "## What it is",
    "",
    pick(ABOUT, 4 + Math.floor(next() * 2), next)
      .map((s, i, all) => (i === all.length - 1 ? cited(fill(s)) : fill(s)))
      .join(" "),
    "",
    "## What you can do",
    "",
    ...pick(STEPS, 5 + Math.floor(next() * 2), next).map((s) => `- ${next() < 0.6 ? cited(fill(s)) : fill(s)}`),
    "",
    // About half the handouts run long enough that the renderer sets them in slightly smaller type, as real ones do.
    ...(next() < 0.5 ? ["## How long it takes", "", cited(pick(RECOVERY, 3, next).join(" ")), ""] : []),
    "## Questions to ask",
    "",
    ...pick(QUESTIONS, 3, next).map((s) => `- ${fill(s)}`),
    "",
    "## When to get help",
    "",
    "![[red-flags]]",
    "",
  ];
  return lines.join("\n");
}

/** Every reference key in a content folder's references files. */
export function referenceKeys(contentDir: string): string[] {
  const dir = path.join(contentDir, "_data", "references");
  const keys: string[] = [];
  for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const data = yaml.load(readFileSync(path.join(dir, name), "utf8"));
    if (data && typeof data === "object") keys.push(...Object.keys(data));
  }
  return keys;
}

/**
 * Writes a content folder into `targetDir`: the shipped clinic settings, references and snippets from
 * `sourceContentDir`, and one topic of `count` generated handouts (and no other pages, decks or handouts).
 */
export function writeSyntheticContent(sourceContentDir: string, targetDir: string, count: number): void {
  for (const shared of ["_data", "_snippets"]) {
    cpSync(path.join(sourceContentDir, shared), path.join(targetDir, shared), { recursive: true });
  }
  // The warning signs the help box prints: the shipped topic's list (every topic keeps its own), and that topic's
  // references as the synthetic topic's own (reference keys are per topic), so its signs' and handouts' keys exist.
  for (const topic of readdirSync(sourceContentDir).filter((name) => existsSync(path.join(sourceContentDir, name, "_data", "red-flags.yaml"))).slice(0, 1)) {
    mkdirSync(path.join(targetDir, SYNTHETIC_TOPIC, "_data"), { recursive: true });
    cpSync(path.join(sourceContentDir, topic, "_data", "red-flags.yaml"), path.join(targetDir, SYNTHETIC_TOPIC, "_data", "red-flags.yaml"));
    const references = path.join(targetDir, "_data", "references");
    for (const name of readdirSync(references)) {
      if (name.replace(/\.ya?ml$/, "") === topic) renameSync(path.join(references, name), path.join(references, `${SYNTHETIC_TOPIC}.yaml`));
      else rmSync(path.join(references, name));
    }
  }
  // Every topic describes itself (src/content/topic-info.ts).
  mkdirSync(path.join(targetDir, SYNTHETIC_TOPIC, "_data"), { recursive: true });
  writeFileSync(path.join(targetDir, SYNTHETIC_TOPIC, "_data", "topic.yaml"), `title: Benchmark handouts\nsummary: ${count} generated one-page handouts for timing the build.\norder: 1\n`);
  // A few well-known sources, as a real handout cites; the first keys are the general ones in the shipped set.
  const keys = referenceKeys(targetDir).slice(0, 12);
  const handouts = path.join(targetDir, SYNTHETIC_TOPIC, "handouts");
  mkdirSync(handouts, { recursive: true });
  for (let i = 1; i <= count; i++) {
    writeFileSync(path.join(handouts, `handout-${String(i).padStart(4, "0")}.md`), syntheticHandout(i, keys));
  }
}
