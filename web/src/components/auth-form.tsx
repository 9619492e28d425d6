import { useId, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { t } from "../i18n";
import { instance } from "../state/instance";
import { logIn, signUp } from "../state/session";
import { ErrorMessage } from "./error-message";

const USERNAME_RE = /^[a-z0-9_]{1,30}$/i;

/** Checks the fields before asking the server; returns a message or null. */
export function validateCredentials(username: string, password: string): string | null {
  if (!USERNAME_RE.test(username)) return t("auth.invalidUsername");
  if (password.length < 8 || password.length > 256) return t("auth.invalidPassword");
  return null;
}

/** The log-in and sign-up form (sign-up adds an optional display name). */
export function AuthForm({ mode }: { mode: "login" | "signup" }) {
  const id = useId();
  const { route } = useLocation();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [reason, setReason] = useState("");
  const [pending, setPending] = useState(false);
  const signup = mode === "signup";
  // Invite links are /signup?invite=CODE; approval mode asks why you want to join.
  const invite = typeof location === "undefined" ? "" : (new URLSearchParams(location.search).get("invite") ?? "");
  const signupMode = instance.value?.signupMode ?? "open";

  async function submit(e: Event) {
    e.preventDefault();
    const name = username.trim();
    // Only sign-up enforces the rules; a login attempt with odd input just gets a 401.
    const invalid = signup ? validateCredentials(name, password) : null;
    if (invalid) {
      setError(invalid);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (signup) {
        const extra = { ...(reason.trim() ? { reason: reason.trim() } : {}), ...(invite ? { invite } : {}) };
        if ((await signUp(name, password, displayName.trim() || undefined, extra)) === "pending") {
          setPending(true);
          setBusy(false);
          return;
        }
      } else await logIn(name, password);
      route("/");
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  if (pending) {
    return (
      <section class="card auth-form" data-testid="signup-pending" role="status">
        <h1>{t("moderation.signup.pendingTitle")}</h1>
        <p>{t("moderation.signup.pending")}</p>
      </section>
    );
  }

  return (
    <form
      class="card auth-form"
      data-testid={signup ? "signup-form" : "login-form"}
      onSubmit={submit}
      noValidate
      aria-busy={busy}
    >
      <h1>{signup ? t("auth.signup.title") : t("auth.login.title")}</h1>
      <div class="field">
        <label for={`${id}-username`} class="field-label">
          {t("auth.username")}
        </label>
        <input
          id={`${id}-username`}
          data-testid="username"
          name="username"
          type="text"
          autoComplete="username"
          autoCapitalize="none"
          spellcheck={false}
          required
          value={username}
          aria-describedby={signup ? `${id}-username-hint` : undefined}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
        {signup && (
          <p id={`${id}-username-hint`} class="hint">
            {t("auth.usernameHint")}
          </p>
        )}
      </div>
      {signup && (
        <div class="field">
          <label for={`${id}-display`} class="field-label">
            {t("auth.displayName")}
          </label>
          <input
            id={`${id}-display`}
            name="displayName"
            type="text"
            autoComplete="nickname"
            value={displayName}
            onInput={(e) => setDisplayName(e.currentTarget.value)}
          />
        </div>
      )}
      <div class="field">
        <label for={`${id}-password`} class="field-label">
          {t("auth.password")}
        </label>
        <input
          id={`${id}-password`}
          data-testid="password"
          name="password"
          type="password"
          autoComplete={signup ? "new-password" : "current-password"}
          required
          value={password}
          aria-describedby={signup ? `${id}-password-hint` : undefined}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        {signup && (
          <p id={`${id}-password-hint`} class="hint">
            {t("auth.passwordHint")}
          </p>
        )}
      </div>
      {signup && signupMode === "approval" && !invite && (
        <div class="field">
          <label for={`${id}-reason`} class="field-label">
            {t("moderation.signup.reason")}
          </label>
          <textarea
            id={`${id}-reason`}
            data-testid="signup-reason"
            rows={3}
            maxLength={500}
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
          <p class="hint">{t("moderation.signup.approvalHint")}</p>
        </div>
      )}
      {signup && signupMode === "invite" && !invite && <p class="hint">{t("moderation.signup.inviteOnly")}</p>}
      {signup && signupMode === "closed" && <p class="hint">{t("moderation.signup.closed")}</p>}
      <ErrorMessage error={error} />
      <button type="submit" class="button button-wide" data-testid="submit" disabled={busy}>
        {signup ? t("auth.signup.submit") : t("auth.login.submit")}
      </button>
      <p class="auth-switch">
        <a href={signup ? "/login" : "/signup"}>{signup ? t("auth.toLogin") : t("auth.toSignup")}</a>
      </p>
    </form>
  );
}
