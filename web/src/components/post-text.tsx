import { RichText } from "../text/rich-text";
import { linkify } from "./linkify";

/** Plain text with http(s) URLs turned into links (built as nodes, never as HTML). */
export function Linkified({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((seg, i) =>
        seg.kind === "text" ? (
          seg.text
        ) : (
          <a key={i} href={seg.href} target="_blank" rel="nofollow noopener noreferrer">
            {seg.text}
          </a>
        ),
      )}
    </>
  );
}

/** Post text: line breaks kept by CSS (pre-wrap), rendered from our own tokens (never as HTML). */
export function PostText({ text, emojis }: { text: string; emojis?: readonly { shortcode: string; url: string }[] }) {
  return (
    <div class="post-text" data-testid="post-text">
      <RichText text={text} emojis={emojis} />
    </div>
  );
}
