import { render } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { blueskyTarget } from "../api/bluesky";
import { BlueskyPostCard } from "./bluesky-post-card";
import { makePost } from "./test-fixtures";

describe("BlueskyPostCard", () => {
  it("marks the origin, links to bsky.app and hides labelled content behind a warning", () => {
    const post = makePost({
      protocol: "atproto",
      remote: true,
      uri: "at://did:plc:abc/app.bsky.feed.post/3k",
      url: "https://bsky.app/profile/alice.bsky.social/post/3k",
      author: { id: "r1", username: "alice.bsky.social", displayName: "Alice", avatarUrl: null },
      html: "<p>secret</p>",
      cw: "Nudity",
      sensitive: true,
      embed: { type: "external", url: "https://example.com/a", title: "A", description: "d", thumbUrl: null },
    });
    const { getByTestId, container } = render(<BlueskyPostCard post={post} />);
    expect(getByTestId("origin-badge").getAttribute("href")).toBe("https://bsky.app/profile/alice.bsky.social/post/3k");
    expect(container.querySelector(".post-author")?.getAttribute("href")).toBe("/@alice.bsky.social?protocol=atproto");
    expect(container.querySelector(".cw-text")?.textContent).toContain("Nudity");
    expect(container.querySelector("[hidden]")?.textContent).toContain("secret");
    expect(getByTestId("bluesky-link-card").getAttribute("href")).toBe("https://example.com/a");
  });

  it("recognises handles, DIDs and at:// URIs as Bluesky lookups", () => {
    expect(blueskyTarget("@Alice.bsky.social")).toBe("alice.bsky.social");
    expect(blueskyTarget("did:plc:abcdefghijklmnopqrstuvwx")).toBe("did:plc:abcdefghijklmnopqrstuvwx");
    expect(blueskyTarget("at://alice.bsky.social/app.bsky.feed.post/3k")).toBe("at://alice.bsky.social/app.bsky.feed.post/3k");
    expect(blueskyTarget("alice")).toBeNull();
    expect(blueskyTarget("@alice@mastodon.example")).toBeNull();
  });
});
