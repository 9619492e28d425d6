import { errorMessage } from "../api/error-message";
import { t } from "../i18n";

/**
 * An error announced to screen readers. The live region is always rendered (empty when
 * there is no error) so that assistive technology notices when text appears in it.
 */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const text = error == null ? "" : typeof error === "string" ? error : errorMessage(error);
  return (
    <div class="error-region" role="alert" aria-live="assertive">
      {text && (
        <p class="error" data-testid="error">
          <span>{text}</span>
          {onRetry && (
            <button type="button" class="button button-small" onClick={onRetry}>
              {t("error.retry")}
            </button>
          )}
        </p>
      )}
    </div>
  );
}
