import { useId, useState } from "preact/hooks";
import { type Friend, type FriendFlags, friendsApi } from "../../api/friends";
import { type MessageKey, t } from "../../i18n";
import { ErrorMessage } from "../error-message";
import { PostSkeletons } from "../skeleton";
import { useAdminList } from "./use-admin-list";

const FLAGS: readonly { key: keyof FriendFlags; label: MessageKey }[] = [
  { key: "deliverLocalPublic", label: "friends.flag.deliverLocalPublic" },
  { key: "sendAll", label: "friends.flag.sendAll" },
  { key: "receiveAll", label: "friends.flag.receiveAll" },
];

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : t("friends.never"));

/** Admin → Friends: friend servers with their states, flags and delivery health. */
export function AdminFriends() {
  const id = useId();
  const { items: friends, setItems: setFriends, busy, error, act } = useAdminList<Friend>(() => friendsApi.list());
  const [url, setUrl] = useState("");

  async function submit(e: Event) {
    e.preventDefault();
    const target = url.trim();
    if (!target) return;
    await act(async () => {
      await friendsApi.request(target);
      setUrl("");
    });
  }

  /** Shows the change at once (the checkbox follows the click), then saves it. */
  const setFlags = (f: Friend, flags: FriendFlags) => {
    setFriends((list) => list?.map((x) => (x.id === f.id ? { ...x, ...flags } : x)) ?? null);
    void act(() => friendsApi.update(f.id, flags));
  };

  const remove = (f: Friend) => {
    if (confirm(t("friends.removeConfirm", { domain: f.domain }))) void act(() => friendsApi.remove(f.id));
  };

  if (!friends) return error ? <ErrorMessage error={error} /> : <PostSkeletons count={1} />;
  return (
    <section class="card admin-friends" aria-busy={busy} data-testid="admin-friends">
      <h2>{t("friends.title")}</h2>
      <p class="muted">{t("friends.intro")}</p>
      <form class="admin-inline-form" onSubmit={submit}>
        <label for={`${id}-url`} class="field-label">
          {t("friends.requestLabel")}
        </label>
        <input
          id={`${id}-url`}
          data-testid="friend-url"
          value={url}
          placeholder="friend.example"
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
        <button type="submit" class="button" disabled={busy || !url.trim()} data-testid="friend-request">
          {t("friends.request")}
        </button>
      </form>
      <ErrorMessage error={error} />
      {friends.length === 0 ? (
        <p class="empty">{t("friends.empty")}</p>
      ) : (
        <ul class="friend-list">
          {friends.map((f) => (
            <li key={f.id} class="friend-item" data-testid="friend-item" data-domain={f.domain} data-state={f.state}>
              <div class="friend-head">
                <strong class="friend-domain">{f.domain}</strong>
                <span class={`badge badge-${f.state}`} data-testid="friend-state">
                  {t(`friends.state.${f.state}`)}
                </span>
                {!f.available && (
                  <span class="badge badge-paused" data-testid="friend-paused">
                    {t("friends.paused")}
                  </span>
                )}
              </div>
              <p class="muted friend-detail">
                {t("friends.ourRequest")}: {t(`friends.state.${f.ourState}`)} · {t("friends.theirRequest")}:{" "}
                {t(`friends.state.${f.theirState}`)}
              </p>
              <p class="muted friend-detail" data-testid="friend-health">
                {t("friends.lastDelivery")}: {when(f.lastDeliveryAt)}
                {f.failures > 0 && (
                  <span class="friend-failures">
                    {" "}
                    · {t("friends.failures", { count: String(f.failures) })}
                    {f.lastError ? ` (${f.lastError})` : ""}
                  </span>
                )}
              </p>
              <div class="friend-flags">
                {FLAGS.map((flag) => (
                  <label key={flag.key} class="toggle">
                    <input
                      type="checkbox"
                      data-testid={`friend-flag-${flag.key}`}
                      checked={f[flag.key]}
                      disabled={busy}
                      onChange={(e) => setFlags(f, { [flag.key]: e.currentTarget.checked })}
                    />
                    {t(flag.label)}
                  </label>
                ))}
              </div>
              <div class="friend-actions">
                {f.theirState === "pending" && (
                  <>
                    <button
                      type="button"
                      class="button button-small"
                      data-testid="friend-accept"
                      disabled={busy}
                      onClick={() => void act(() => friendsApi.accept(f.id))}
                    >
                      {t("friends.accept")}
                    </button>
                    <button
                      type="button"
                      class="button button-small button-secondary"
                      data-testid="friend-reject"
                      disabled={busy}
                      onClick={() => void act(() => friendsApi.reject(f.id))}
                    >
                      {t("friends.reject")}
                    </button>
                  </>
                )}
                {(f.ourState === "idle" || f.ourState === "rejected") && (
                  <button
                    type="button"
                    class="button button-small button-secondary"
                    data-testid="friend-request-again"
                    disabled={busy}
                    onClick={() => void act(() => friendsApi.request(f.domain))}
                  >
                    {t("friends.requestBack")}
                  </button>
                )}
                <button
                  type="button"
                  class="button button-small button-secondary"
                  data-testid={f.available ? "friend-pause" : "friend-resume"}
                  disabled={busy}
                  onClick={() => setFlags(f, { available: !f.available })}
                >
                  {f.available ? t("friends.pause") : t("friends.resume")}
                </button>
                <button
                  type="button"
                  class="button button-small button-danger"
                  data-testid="friend-remove"
                  disabled={busy}
                  onClick={() => remove(f)}
                >
                  {t("friends.remove")}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
