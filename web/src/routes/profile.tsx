import { useCallback, useMemo } from "preact/hooks";
import { useLocation } from "preact-iso";
import { type Account, ApiError, api, type Post, type Relationship } from "../api/client";
import { ErrorMessage } from "../components/error-message";
import { PinnedPosts } from "../components/pinned-posts";
import { PostList } from "../components/post-list";
import { ProfileHeader } from "../components/profile-header";
import { PostSkeletons } from "../components/skeleton";
import { useLoad } from "../components/use-load";
import { t } from "../i18n";
import { createPagedList } from "../state/paged-list";
import { session } from "../state/session";
import { BlueskyProfileRoute } from "./bluesky-profile";
import { NotFoundRoute } from "./not-found";

/** `/@:username` (`/@handle?protocol=atproto`: a Bluesky account). preact-iso can't match "@" inside a segment, so this takes `/:handle`. */
export function ProfileRoute({ handle }: { handle: string }) {
  const { query } = useLocation();
  if (!handle.startsWith("@") || handle.length < 2) return <NotFoundRoute />;
  if (query.protocol === "atproto") return <BlueskyProfileRoute handle={handle.slice(1)} />;
  return <Profile username={handle.slice(1)} />;
}

function Profile({ username }: { username: string }) {
  const me = session.value;
  const {
    value: account,
    setValue: setAccount,
    error,
    retry,
  } = useLoad<Account>(() => api.account(username), [username, me?.id]);

  const list = useMemo(() => createPagedList((cursor) => api.accountPosts(username, cursor)), [username, me?.id]);
  const acceptsNew = useCallback((post: Post) => post.author.username === username && post.replyToId === null, [username]);

  function onRelationship(relationship: Relationship) {
    setAccount((current) => {
      if (!current) return current;
      const was = current.relationship?.following ?? false;
      const delta = Number(relationship.following) - Number(was);
      return { ...current, relationship, followersCount: current.followersCount + delta };
    });
  }

  if (error) {
    if (error instanceof ApiError && error.status === 404) return <NotFoundRoute />;
    return <ErrorMessage error={error} onRetry={retry} />;
  }
  if (!account) return <PostSkeletons count={2} />;
  const isMe = me?.id === account.id;
  return (
    <>
      <ProfileHeader
        // Your own name, bio and avatar come from the session, which Settings keeps current.
        account={isMe && me ? { ...account, displayName: me.displayName, bio: me.bio, avatarUrl: me.avatarUrl } : account}
        isMe={isMe}
        signedIn={Boolean(me)}
        onRelationship={onRelationship}
      />
      <PinnedPosts key={`pinned:${username}:${me?.id ?? ""}`} username={username} signedIn={Boolean(me)} />
      <PostList
        key={`${username}:${me?.id ?? ""}`}
        list={list}
        label={t("profile.posts")}
        emptyText={t("profile.empty")}
        acceptsNew={acceptsNew}
      />
    </>
  );
}
