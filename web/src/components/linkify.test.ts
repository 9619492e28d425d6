import { describe, expect, it } from "vitest";
import { linkify } from "./linkify";

describe("linkify", () => {
  it("finds http and https URLs between text", () => {
    expect(linkify("see https://example.com/a?b=1 and http://x.test")).toEqual([
      { kind: "text", text: "see " },
      { kind: "link", text: "https://example.com/a?b=1", href: "https://example.com/a?b=1" },
      { kind: "text", text: " and " },
      { kind: "link", text: "http://x.test", href: "http://x.test" },
    ]);
  });

  it("leaves trailing punctuation and closing brackets out of the link", () => {
    const links = (s: string) =>
      linkify(s)
        .filter((x) => x.kind === "link")
        .map((x) => x.text);
    expect(links("Read https://example.com/post.")).toEqual(["https://example.com/post"]);
    expect(links("(see https://example.com/a)")).toEqual(["https://example.com/a"]);
    expect(links("https://en.wikipedia.org/wiki/Foo_(bar)")).toEqual(["https://en.wikipedia.org/wiki/Foo_(bar)"]);
    expect(links("リンク→https://example.com/a。次")).toEqual(["https://example.com/a"]);
  });

  it("never links other schemes", () => {
    expect(linkify("javascript:alert(1) ftp://x.test data:text/html,hi")).toEqual([
      { kind: "text", text: "javascript:alert(1) ftp://x.test data:text/html,hi" },
    ]);
  });
});
