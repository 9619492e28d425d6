import { VISIBILITIES, type Visibility } from "../api/client";
import { t } from "../i18n";

/** A labelled select of the six visibilities, with a one-line explanation of the chosen one. */
export function VisibilityPicker({
  id,
  value,
  onChange,
}: {
  id: string;
  value: Visibility;
  onChange: (value: Visibility) => void;
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
          const next = VISIBILITIES.find((v) => v === e.currentTarget.value);
          if (next) onChange(next);
        }}
      >
        {VISIBILITIES.map((v) => (
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
