import { useEffect, useState } from "preact/hooks";
import type { Post } from "../api/client";
import { postsApi } from "../api/posts";
import { t } from "../i18n";
import { onPostEvent } from "../live/post-events";
import { PostCard } from "./post-card";

/** A profile's pinned posts, above its timeline, each with a pin marker. */
export function PinnedPosts({ username, signedIn }: { username: string; signedIn: boolean }) {
  const [items, setItems] = useState<Post[]>([]);

  useEffect(() => {
    let live = true;
    const load = () =>
      postsApi.pinned(username).then(
        (list) => live && setItems(list),
        () => live && setItems([]),
      );
    void load();
    const off = onPostEvent((event) => {
      // Pinning or unpinning one of this profile's posts changes the list.
      if (event.kind === "updated" && event.post.author.username === username) {
        setItems((list) => {
          const has = list.some((p) => p.id === event.post.id);
          if (has !== event.post.pinned) void load();
          return list;
        });
      } else if (event.kind === "deleted") setItems((list) => list.filter((p) => p.id !== event.id));
    });
    return () => {
      live = false;
      off();
    };
  }, [username]);

  if (items.length === 0) return null;
  return (
    <section class="pinned-posts" aria-label={t("profile.pinned")} data-testid="pinned-posts">
      {items.map((p) => (
        <PostCard key={p.id} post={p} canReply={signedIn} showPinned />
      ))}
    </section>
  );
}
