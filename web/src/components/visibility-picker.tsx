import { VISIBILITIES, type Visibility } from "../api/client";
import { t } from "../i18n";

/** A labelled select of the visibilities (all six unless `options`), with a one-line explanation of the chosen one. */
export function VisibilityPicker({
  id,
  value,
  onChange,
  options = VISIBILITIES,
}: {
  id: string;
  value: Visibility;
  onChange: (value: Visibility) => void;
  options?: readonly Visibility[] | undefined;
}) {
  const helpId = `${id}-help`;
  return (
    <div class="visibility-picker">
      <label for={id} class="field-label">
        {t("composer.visibility")}
      </label>
      <select
        id={id}
        data-testid="composer-visibility"
        value={value}
        aria-describedby={helpId}
        onChange={(e) => {
          const next = options.find((v) => v === e.currentTarget.value);
          if (next) onChange(next);
        }}
      >
        {options.map((v) => (
          <option key={v} value={v}>
            {t(`visibility.${v}`)}
          </option>
        ))}
      </select>
      <p id={helpId} class="hint" data-testid="composer-visibility-help">
        {t(`visibility.${value}.help`)}
      </p>
    </div>
  );
}
