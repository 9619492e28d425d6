import { useId, useState } from "preact/hooks";
import { friendsApi, type Relay } from "../../api/friends";
import { t } from "../../i18n";
import { ErrorMessage } from "../error-message";
import { PostSkeletons } from "../skeleton";
import { useAdminList } from "./use-admin-list";

/** Admin → Relays: relay subscriptions (only public posts are sent to relays). */
export function AdminRelays() {
  const id = useId();
  const { items: relays, busy, error, act } = useAdminList<Relay>(() => friendsApi.relays());
  const [url, setUrl] = useState("");

  if (!relays) return error ? <ErrorMessage error={error} /> : <PostSkeletons count={1} />;
  return (
    <section class="card admin-relays" aria-busy={busy} data-testid="admin-relays">
      <h2>{t("relays.title")}</h2>
      <p class="muted">{t("relays.intro")}</p>
      <form
        class="admin-inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const target = url.trim();
          if (target)
            void act(async () => {
              await friendsApi.subscribe(target);
              setUrl("");
            });
        }}
      >
        <label for={`${id}-url`} class="field-label">
          {t("relays.inboxLabel")}
        </label>
        <input
          id={`${id}-url`}
          data-testid="relay-url"
          value={url}
          placeholder="https://relay.example/inbox"
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
        <button type="submit" class="button" disabled={busy || !url.trim()} data-testid="relay-subscribe">
          {t("relays.subscribe")}
        </button>
      </form>
      <ErrorMessage error={error} />
      {relays.length === 0 ? (
        <p class="empty">{t("relays.empty")}</p>
      ) : (
        <ul class="friend-list">
          {relays.map((r) => (
            <li key={r.id} class="friend-item" data-testid="relay-item">
              <div class="friend-head">
                <strong class="friend-domain">{r.inboxUrl}</strong>
                <span class={`badge badge-${r.state}`}>{t(`friends.state.${r.state}`)}</span>
              </div>
              <div class="friend-actions">
                <button
                  type="button"
                  class="button button-small button-danger"
                  data-testid="relay-unsubscribe"
                  disabled={busy}
                  onClick={() => void act(() => friendsApi.unsubscribe(r.id))}
                >
                  {t("relays.unsubscribe")}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
