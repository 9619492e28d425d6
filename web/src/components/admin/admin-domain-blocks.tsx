import { useId, useState } from "preact/hooks";
import { DOMAIN_SEVERITIES, type DomainBlock, type DomainSeverity, policiesApi } from "../../api/policies";
import { t } from "../../i18n";
import { ErrorMessage } from "../error-message";
import { PostSkeletons } from "../skeleton";
import { useAdminList } from "./use-admin-list";

const FLAGS = ["rejectMedia", "rejectReports", "rejectFriends"] as const;

/** Admin → Domain blocks: suspend or silence a remote server, or reject its media, reports or friendship. */
export function AdminDomainBlocks() {
  const id = useId();
  const {
    items: blocks,
    setItems: setBlocks,
    busy,
    error,
    setError,
    act,
  } = useAdminList<DomainBlock>(() => policiesApi.domainBlocks());
  const [domain, setDomain] = useState("");
  const [severity, setSeverity] = useState<DomainSeverity>("suspend");
  const [flags, setFlags] = useState({ rejectMedia: false, rejectReports: false, rejectFriends: false });
  const [comment, setComment] = useState("");

  async function add(e: Event) {
    e.preventDefault();
    if (await act(() => policiesApi.blockDomain({ domain, severity, ...flags, comment: comment || null }))) {
      setDomain("");
      setComment("");
    }
  }

  async function lift(d: string) {
    setError(null);
    try {
      await policiesApi.unblockDomain(d);
      setBlocks((bs) => bs?.filter((b) => b.domain !== d) ?? null);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div class="admin-domain-blocks" data-testid="admin-domain-blocks">
      <form class="card" onSubmit={add} aria-busy={busy}>
        <h2>{t("admin.domains.add")}</h2>
        <p class="muted">{t("admin.domains.help")}</p>
        <div class="field">
          <label for={`${id}-domain`} class="field-label">
            {t("admin.domains.domain")}
          </label>
          <input
            id={`${id}-domain`}
            data-testid="domain-block-domain"
            required
            placeholder="spam.example"
            value={domain}
            onInput={(e) => setDomain(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for={`${id}-severity`} class="field-label">
            {t("admin.domains.severity")}
          </label>
          <select
            id={`${id}-severity`}
            data-testid="domain-block-severity"
            value={severity}
            onChange={(e) => setSeverity(e.currentTarget.value as DomainSeverity)}
          >
            {DOMAIN_SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`admin.domains.severity.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="toggle-group">
          {FLAGS.map((f) => (
            <label class="toggle" key={f}>
              <input type="checkbox" checked={flags[f]} onChange={(e) => setFlags({ ...flags, [f]: e.currentTarget.checked })} />
              {t(`admin.domains.${f}`)}
            </label>
          ))}
        </div>
        <div class="field">
          <label for={`${id}-comment`} class="field-label">
            {t("admin.domains.comment")}
          </label>
          <input id={`${id}-comment`} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
        </div>
        <ErrorMessage error={error} />
        <button type="submit" class="button" disabled={busy} data-testid="domain-block-save">
          {t("admin.domains.save")}
        </button>
      </form>

      <section class="card">
        <h2>{t("admin.domains.list")}</h2>
        {blocks === null ? (
          <PostSkeletons count={1} />
        ) : blocks.length === 0 ? (
          <p class="muted">{t("admin.domains.empty")}</p>
        ) : (
          <ul class="plain-list" data-testid="domain-block-list">
            {blocks.map((b) => (
              <li key={b.domain} data-testid={`domain-block-${b.domain}`}>
                <strong>{b.domain}</strong> · {t(`admin.domains.severity.${b.severity}`)}
                {FLAGS.filter((f) => b[f]).map((f) => (
                  <span key={f} class="badge">
                    {t(`admin.domains.${f}`)}
                  </span>
                ))}
                {b.comment ? <span class="muted"> — {b.comment}</span> : null}{" "}
                <button type="button" class="button button-secondary button-small" onClick={() => lift(b.domain)}>
                  {t("admin.domains.lift")}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
