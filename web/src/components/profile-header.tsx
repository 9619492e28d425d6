import { useState } from "preact/hooks";
import type { Account, Relationship } from "../api/client";
import { formatDate, t } from "../i18n";
import { Avatar } from "./avatar";
import { FollowButton } from "./follow-button";
import { Linkified } from "./post-text";
import { RelationControls } from "./relation-controls";
import { EmojiText, RemoteHtml } from "./remote-html";
import { ReportButton } from "./report-button";

/** Avatar, names, bio, counts and the follow button of a profile page. */
export function ProfileHeader({
  account,
  isMe,
  signedIn,
  onRelationship,
}: {
  account: Account;
  isMe: boolean;
  signedIn: boolean;
  onRelationship: (relationship: Relationship) => void;
}) {
  const name = account.displayName || account.username;
  const nf = new Intl.NumberFormat();
  // Across a block (either way) there is nothing to follow: the server would refuse it.
  const [blocked, setBlocked] = useState(false);
  return (
    <section class="card profile-header">
      <div class="profile-top">
        <Avatar
          url={account.avatarUrl}
          name={name}
          seed={account.id}
          size={88}
          alt={t("profile.avatarAlt", { username: account.username })}
        />
        <div class="profile-names">
          <h1 class="display-name">
            <EmojiText text={name} emojis={account.emojis} />
          </h1>
          <p class="username">
            @{account.username}
            {account.relationship?.followedBy && <span class="badge">{t("profile.followsYou")}</span>}
          </p>
        </div>
        <div class="profile-action">
          {isMe ? (
            <a href="/settings" class="button button-secondary">
              {t("profile.edit")}
            </a>
          ) : (
            signedIn && (
              <>
                {!blocked && <FollowButton account={account} onChange={onRelationship} />}
                <ReportButton account={account} />
              </>
            )
          )}
        </div>
      </div>
      {!isMe && signedIn && (
        <RelationControls
          accountId={account.id}
          username={account.username}
          onChange={(r) => setBlocked(r.blocking || r.blockedBy)}
        />
      )}
      {account.bio &&
        (account.remote ? (
          <RemoteHtml html={account.bio} class="bio" />
        ) : (
          <p class="bio" data-testid="bio">
            <Linkified text={account.bio} />
          </p>
        ))}
      <dl class="counts">
        <div>
          <dt>{t("profile.posts")}</dt>
          <dd>{nf.format(account.postsCount)}</dd>
        </div>
        <div>
          <dt>{t("profile.following")}</dt>
          <dd>{nf.format(account.followingCount)}</dd>
        </div>
        <div>
          <dt>{t("profile.followers")}</dt>
          <dd data-testid="followers-count">{nf.format(account.followersCount)}</dd>
        </div>
      </dl>
      <p class="hint">{t("profile.joined", { date: formatDate(account.createdAt) })}</p>
    </section>
  );
}
