import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import type { InnerPost } from "../api/client";
import { t } from "../i18n";
import { RichText } from "../text/rich-text";
import { MediaGrid } from "./media-grid";
import { PostText } from "./post-text";
import { QuoteCard } from "./quote-card";
import { RemoteHtml } from "./remote-html";

/** A post's content: the content warning (with its toggle), text, attachments and quote card. */
export function PostBody({ post }: { post: InnerPost }) {
  const content = (
    <>
      {post.remote && post.html ? (
        <RemoteHtml html={post.html} emojis={post.emojis} />
      ) : (
        (post.text !== "" || post.media.length === 0) && <PostText text={post.text} emojis={post.emojis} />
      )}
      {post.media.length > 0 && <MediaGrid media={post.media} sensitive={post.sensitive} />}
      {post.quote && <QuoteCard post={post.quote} />}
    </>
  );
  if (post.cw === null || post.cw === "") return content;
  return (
    <CwFold warning={<RichText text={post.cw} emojis={post.emojis} />} bodyId={`post-body-${post.id}`}>
      {content}
    </CwFold>
  );
}

/** A warning with a show more/less toggle; the content stays hidden until it is expanded. */
export function CwFold({
  warning,
  bodyId,
  children,
}: {
  warning: ComponentChildren;
  bodyId: string;
  children: ComponentChildren;
}) {
  const [expanded, setExpanded] = useState(false);
  return (
    <div class="post-cw">
      <p class="cw-text">{warning}</p>
      <button
        type="button"
        class="button button-small button-secondary"
        aria-expanded={expanded}
        aria-controls={bodyId}
        onClick={() => setExpanded(!expanded)}
      >
        {expanded ? t("post.showLess") : t("post.showMore")}
      </button>
      <div id={bodyId} hidden={!expanded}>
        {children}
      </div>
    </div>
  );
}
