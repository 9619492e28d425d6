import type { Notification } from "../api/notifications";
import { type MessageKey, t } from "../i18n";
import { RichText } from "../text/rich-text";
import { Avatar } from "./avatar";
import { EmojiGlyph } from "./emoji-glyph";
import { Icon, type IconName } from "./icon";
import { RelativeTime } from "./relative-time";

/** Consecutive notifications of one kind about one post, shown as one entry ("A and 2 others reacted"). */
export interface NotificationGroup {
  key: string;
  type: string;
  items: Notification[];
}

const ICONS: Record<string, IconName> = {
  mention: "at",
  reply: "reply",
  reaction: "smile",
  boost: "boost",
  quote: "quote",
  follow: "user",
  follow_request: "user",
  community_join_request: "users",
  moderation_warning: "shield",
  moderation_notice: "shield",
};
const GROUPABLE = new Set(["reaction", "boost", "follow"]);

export function groupNotifications(items: readonly Notification[]): NotificationGroup[] {
  const groups: NotificationGroup[] = [];
  for (const n of items) {
    const last = groups[groups.length - 1];
    const first = last?.items[0];
    if (last && first && GROUPABLE.has(n.type) && n.type === last.type && (n.post?.id ?? null) === (first.post?.id ?? null)) {
      last.items.push(n);
    } else {
      groups.push({ key: n.id, type: n.type, items: [n] });
    }
  }
  return groups;
}

function nameOf(n: Notification): string {
  return n.account ? n.account.displayName || n.account.username : t("notifications.someone");
}

function sentence(group: NotificationGroup): string {
  const first = group.items[0] as Notification;
  const name = nameOf(first);
  const others = new Set(group.items.map((n) => n.account?.id ?? n.id)).size - 1;
  const known = ICONS[group.type] !== undefined;
  const key = (known ? `notifications.type.${group.type}` : "notifications.type.other") as MessageKey;
  const text = t(key, { name, community: first.community?.title || first.community?.name || "" });
  return others > 0 ? `${text} ${t("notifications.andOthers", { n: others })}` : text;
}

export function NotificationItem({ group }: { group: NotificationGroup }) {
  const first = group.items[0] as Notification;
  const unread = group.items.some((n) => !n.read);
  const post = first.post?.boostOf ?? first.post;
  const moderation = group.type.startsWith("moderation_");
  // A cached remote post (its author is user@host) has no page here yet: link to its origin.
  const href = moderation
    ? null
    : post
      ? post.author.username.includes("@")
        ? post.url
        : `/posts/${post.id}`
      : first.community
        ? `/c/${first.community.name}`
        : first.account
          ? `/@${first.account.username}`
          : null;
  const emojis = [...new Set(group.items.map((n) => n.emoji).filter((e): e is string => Boolean(e)))];
  return (
    <article
      class={unread ? "notification notification-unread" : "notification"}
      data-testid="notification"
      data-type={group.type}
    >
      <span class={`notification-icon notification-icon-${group.type}`} aria-hidden="true">
        <Icon name={ICONS[group.type] ?? "bell"} size={16} />
      </span>
      <div class="notification-main">
        <div class="notification-head">
          <span class="notification-avatars" aria-hidden="true">
            {group.items
              .slice(0, 5)
              .map((n) =>
                n.account ? (
                  <Avatar
                    key={n.id}
                    url={n.account.avatarUrl}
                    name={n.account.displayName || n.account.username}
                    seed={n.account.id}
                    size={28}
                  />
                ) : null,
              )}
          </span>
          {emojis.length > 0 && (
            <span class="notification-emojis">
              {emojis.slice(0, 6).map((e) => (
                <EmojiGlyph key={e} emoji={e} emojis={post?.emojis} size={20} />
              ))}
            </span>
          )}
          <RelativeTime iso={first.createdAt} />
        </div>
        <p class="notification-text">{href ? <a href={href}>{sentence(group)}</a> : sentence(group)}</p>
        {first.text && <blockquote class="notification-post notification-moderation">{first.text}</blockquote>}
        {post && (
          <blockquote class="notification-post">
            <RichText text={post.cw || post.text || (post.media.length ? t("notifications.media") : "")} emojis={post.emojis} />
          </blockquote>
        )}
      </div>
    </article>
  );
}
