import type { Account } from "../api/client";
import { AvatarUpload } from "../components/avatar-upload";
import { EmojiAdmin } from "../components/emoji-admin";
import { FollowRequests } from "../components/follow-requests";
import { LangSwitch } from "../components/lang-switch";
import { LockedToggle } from "../components/locked-toggle";
import { ProfileForm } from "../components/profile-form";
import { NotificationFilterSettings, RelationList, WordFilters } from "../components/settings-relations";
import { PostSkeletons } from "../components/skeleton";
import { t } from "../i18n";
import { session } from "../state/session";

/** `/settings`: profile, avatar and language (language works signed out too). */
export function SettingsRoute() {
  const me = session.value;
  const update = (account: Account) => {
    session.value = account;
  };
  return (
    <div class="settings">
      <h1 class="page-title">{t("settings.title")}</h1>
      <section class="card">
        <h2>{t("settings.language")}</h2>
        {/* The header has the primary `lang-switch`; this one gets its own test id. */}
        <LangSwitch showLabel testId="settings-lang-switch" />
      </section>
      {me === undefined && <PostSkeletons count={1} />}
      {me === null && (
        <p class="card">
          <a href="/login">{t("settings.signInRequired")}</a>
        </p>
      )}
      {me && (
        <>
          <ProfileForm key={me.id} account={me} onSaved={update} />
          <AvatarUpload account={me} onUploaded={update} />
          <LockedToggle account={me} onSaved={update} />
          {me.locked && <FollowRequests always />}
          {me.role === "admin" && <EmojiAdmin />}
          <NotificationFilterSettings />
          <WordFilters />
          <RelationList kind="mutes" />
          <RelationList kind="blocks" />
        </>
      )}
    </div>
  );
}
