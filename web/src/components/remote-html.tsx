import type { ComponentChildren } from "preact";

/**
 * Content HTML from the server (remote posts and Bluesky bios) rendered without ever
 * inserting markup: the string is parsed into an inert document, and only text,
 * paragraphs, line breaks and http(s) links become Preact elements. Anything else
 * (scripts, attributes, styles, other tags) is dropped or flattened to its text.
 */
export function RemoteHtml({ html, class: cls }: { html: string; class?: string }) {
  const doc = new DOMParser().parseFromString(html, "text/html");
  return <div class={cls ?? "post-text remote-html"}>{children(doc.body)}</div>;
}

function children(node: Node): ComponentChildren[] {
  return Array.from(node.childNodes).map((child, i) => element(child, i));
}

function safeHref(href: string | null): string | null {
  if (!href) return null;
  try {
    const u = new URL(href);
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : null;
  } catch {
    return null;
  }
}

function element(node: Node, key: number): ComponentChildren {
  if (node.nodeType === 3) return node.textContent;
  if (node.nodeType !== 1) return null;
  const el = node as Element;
  switch (el.tagName.toLowerCase()) {
    case "p":
      return <p key={key}>{children(el)}</p>;
    case "br":
      return <br key={key} />;
    case "a": {
      const href = safeHref(el.getAttribute("href"));
      if (!href) return <span key={key}>{children(el)}</span>;
      const cls = el.getAttribute("class");
      return (
        <a
          key={key}
          href={href}
          class={cls === "mention" || cls === "hashtag" ? cls : undefined}
          rel="nofollow noopener noreferrer"
          target="_blank"
        >
          {children(el)}
        </a>
      );
    }
    case "script":
    case "style":
    case "template":
      return null;
    default:
      return <span key={key}>{children(el)}</span>;
  }
}
