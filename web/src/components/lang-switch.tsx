import { useId } from "preact/hooks";
import { isLang, LANGS, lang, setLang, t } from "../i18n";

const NAMES = { en: "English", ja: "日本語" } as const;

/** Language select (en/ja); each option is written in its own language. */
export function LangSwitch({ showLabel = false, testId = "lang-switch" }: { showLabel?: boolean; testId?: string }) {
  const id = useId();
  return (
    <span class="lang-switch">
      <label for={id} class={showLabel ? "field-label" : "visually-hidden"}>
        {t("lang.label")}
      </label>
      <select
        id={id}
        data-testid={testId}
        value={lang.value}
        onChange={(e) => {
          const next = e.currentTarget.value;
          if (isLang(next)) setLang(next);
        }}
      >
        {LANGS.map((code) => (
          <option key={code} value={code} lang={code}>
            {NAMES[code]}
          </option>
        ))}
      </select>
    </span>
  );
}
