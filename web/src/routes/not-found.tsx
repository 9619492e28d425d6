import { t } from "../i18n";

export function NotFoundRoute() {
  return (
    <div class="card centered">
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.body")}</p>
      <p>
        <a href="/">{t("notFound.home")}</a>
      </p>
    </div>
  );
}
