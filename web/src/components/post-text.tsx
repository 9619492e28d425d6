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

/** Post text as plain text: line breaks kept by CSS (pre-wrap), URLs turned into links. */
export function PostText({ text }: { text: string }) {
  return (
    <div class="post-text" data-testid="post-text">
      <Linkified text={text} />
    </div>
  );
}
