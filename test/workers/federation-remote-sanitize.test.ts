import { describe, expect, it } from "vitest";
import { sanitizeHtml } from "../../workers/federation/activitypub/sanitize-html";

describe("sanitizeHtml (Mastodon's allow-list)", () => {
  it("keeps allowed markup and safe links, with rel", () => {
    expect(sanitizeHtml('<p>hi <a href="https://x.example/a?b=1&amp;c=2">x</a><br><strong>s</strong></p>')).toBe(
      '<p>hi <a href="https://x.example/a?b=1&amp;c=2" rel="nofollow noopener noreferrer" target="_blank">x</a><br><strong>s</strong></p>',
    );
    expect(sanitizeHtml('<span class="h-card evil">@<span>a</span></span>')).toBe('<span class="h-card">@<span>a</span></span>');
  });

  it("drops scripts, handlers, styles, images and unsafe links", () => {
    const out = sanitizeHtml(
      '<p onclick="x()" style="color:red">a<script>alert(1)</script><img src="https://x/y.png" onerror="x()"><a href="javascript:alert(1)">j</a><a href=" data:text/html,x">d</a><iframe src="https://x"></iframe><style>p{}</style></p>',
    );
    expect(out).toBe("<p>a<a>j</a><a>d</a></p>");
    expect(sanitizeHtml("<h1>t</h1><table><tr><td>c</td></tr></table>")).toBe("tc");
  });
});
