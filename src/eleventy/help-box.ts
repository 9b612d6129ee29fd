/**
 * The three-level help box for one document (parts-print): its warning signs by level, each level with its
 * words and its phone numbers from the clinic settings: the emergency number, the clinic's phone and the
 * after-hours line. No number is written anywhere else, so a UK clinic's "999" reaches every box.
 */
import type { TopicRedFlags } from "../content/red-flags.ts";
import { signsFor } from "../content/red-flags.ts";
import type { Clinic } from "../content/schema.ts";
import { fill, rawString, translate } from "../i18n/strings.ts";
import { mainLanguage, valueIn } from "../i18n/locale.ts";
import { localizedHtml } from "../i18n/markup.ts";
import { withPhoneNumbers } from "../markdown/red-flags.ts";
import type { HelpBox } from "../markdown/red-flags.ts";

export function helpBoxFor(topic: TopicRedFlags, sets: "all" | readonly string[], clinic: Pick<Clinic, "phone" | "afterHours" | "emergencyNumber" | "locale">, lang: string | undefined): HelpBox {
  // Issue 14: the signs in the document's language when red-flags.<lang>.yaml gives them (es-MX, then es).
  const words = lang ? (topic.translations?.get(lang.toLowerCase()) ?? topic.translations?.get(lang.split("-")[0]!.toLowerCase())) : undefined;
  const chosen = signsFor(topic, sets);
  const signs = words
    ? (Object.fromEntries(Object.entries(chosen).map(([level, list]) => [level, list.map((sign) => ({ ...sign, ...words.signs.get(sign.id) }))])) as typeof chosen)
    : chosen;
  // The after-hours text in the document's language (or the main language's, marked with its own `lang`).
  const main = mainLanguage(clinic.locale);
  const afterHours = valueIn(clinic.afterHours, lang, main);
  const pageLang = lang ?? main;
  const noteTemplate = rawString("help.today.afterHours", lang).text;
  const [before = "", after = ""] = noteTemplate.split("{afterHours}");
  const t = (key: string, values: Record<string, string | undefined> = {}): string => translate(key, lang, values);
  return {
    label: t("help.label"),
    file: words?.file ?? topic.file,
    levels: [
      { level: "emergency", title: t("help.emergency.title"), call: t("help.emergency.call", { number: clinic.emergencyNumber }), signs: signs.emergency },
      {
        level: "today",
        title: t("help.today.title"),
        call: t("help.today.call", { phone: clinic.phone }),
        note: afterHours ? fill(noteTemplate, { afterHours: afterHours.text }) : undefined,
        noteHtml: afterHours ? `${withPhoneNumbers(before)}${localizedHtml(afterHours, pageLang)}${withPhoneNumbers(after)}` : undefined,
        signs: signs.today,
      },
      { level: "soon", title: t("help.soon.title"), call: t("help.soon.call", { phone: clinic.phone }), signs: signs.soon },
    ],
  };
}
