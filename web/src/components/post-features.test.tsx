import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setLang } from "../i18n";
import { mergeReactions } from "../live/post-update";
import { parseStreamFrames } from "../live/streaming";
import { groupNotifications } from "./notification-item";
import { PostCard } from "./post-card";
import { jsonResponse, makePost } from "./test-fixtures";
import { toggledReaction } from "./use-post-state";

describe("post features", () => {
  beforeEach(() => {
    setLang("en");
    localStorage.clear();
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("renders mentions, hashtags and custom emoji from tokens, never HTML", () => {
    const post = makePost({
      text: "hi @bob #日本 :blob: <b>x</b> **b** javascript:alert(1)",
      emojis: [{ shortcode: "blob", url: "https://cdn.example/blob.png" }],
    });
    const { container } = render(<PostCard post={post} />);
    expect(screen.getByTestId("mention-link").getAttribute("href")).toBe("/@bob");
    expect(screen.getByTestId("hashtag-link").getAttribute("href")).toBe(`/tags/${encodeURIComponent("日本")}`);
    const img = container.querySelector("img.custom-emoji");
    expect(img?.getAttribute("alt")).toBe(":blob:");
    expect(container.querySelector("b")).toBeNull();
    expect(container.querySelector("strong")?.textContent).toBe("b");
    expect([...container.querySelectorAll("a")].some((a) => a.getAttribute("href")?.startsWith("javascript"))).toBe(false);
  });

  it("toggles a reaction optimistically and sends it", async () => {
    const post = makePost({ reactions: [{ emoji: "👍", count: 2, me: false }], reactionsCount: 2 });
    const answer = { ...post, reactions: [{ emoji: "👍", count: 3, me: true }], reactionsCount: 3 };
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => jsonResponse(200, { post: answer }));
    vi.stubGlobal("fetch", fetchMock);
    render(<PostCard post={post} canReply />);
    const chip = screen.getByTestId("reaction");
    expect(chip.getAttribute("aria-pressed")).toBe("false");
    fireEvent.click(chip);
    await waitFor(() => expect(screen.getByTestId("reaction").getAttribute("aria-pressed")).toBe("true"));
    expect(screen.getByTestId("reaction").textContent).toContain("3");
    expect(fetchMock.mock.calls[0]?.[0]).toBe(`/api/posts/${post.id}/reactions`);
    expect(JSON.parse(String(fetchMock.mock.calls[0]?.[1]?.body))).toEqual({ emoji: "👍" });
  });

  it("opens the picker, searches in Japanese and reacts", async () => {
    const post = makePost();
    const fetchMock = vi.fn(async (url: string) =>
      url === "/api/emojis" ? jsonResponse(200, { items: [] }) : jsonResponse(200, { post: toggledReaction(post, "🍣") }),
    );
    vi.stubGlobal("fetch", fetchMock);
    render(<PostCard post={post} canReply />);
    fireEvent.click(screen.getByTestId("reaction-button"));
    const search = screen.getByTestId("emoji-search");
    fireEvent.input(search, { target: { value: "寿司" } });
    const options = screen.getAllByTestId("emoji-option");
    expect(options.map((o) => o.dataset.emoji)).toEqual(["🍣"]);
    fireEvent.click(options[0] as HTMLElement);
    expect(screen.queryByTestId("emoji-picker")).toBeNull();
    await waitFor(() => expect(screen.getByTestId("reaction").dataset.emoji).toBe("🍣"));
    expect(JSON.parse(localStorage.getItem("commons.recentEmoji") ?? "[]")[0]).toBe("🍣");
  });

  it("respects reaction acceptance", () => {
    const { rerender } = render(<PostCard post={makePost({ reactionAcceptance: "likes" })} canReply />);
    expect(screen.queryByTestId("reaction-button")).toBeNull();
    expect(screen.getByTestId("like-button")).toBeTruthy();
    rerender(
      <PostCard post={makePost({ reactionAcceptance: "none", reactions: [{ emoji: "👍", count: 1, me: false }] })} canReply />,
    );
    expect(screen.queryByTestId("reaction-button")).toBeNull();
    expect(screen.queryByTestId("like-button")).toBeNull();
    expect(screen.queryByTestId("reaction")).toBeNull();
  });

  it("shows a boost as 'X boosted' with the original, and a quote card", () => {
    const original = makePost({ id: "orig", text: "the original", quote: makePost({ id: "q", text: "quoted text" }) });
    const boost = makePost({
      id: "b",
      text: "",
      author: { id: "b1", username: "bob", displayName: "Bob", avatarUrl: null },
      boostOf: original,
    });
    render(<PostCard post={boost} />);
    expect(screen.getByTestId("boosted-by").textContent).toContain("Bob boosted");
    expect(screen.getAllByTestId("post-text")[0]?.textContent).toBe("the original");
    expect(screen.getByTestId("quote-card").textContent).toContain("quoted text");
  });

  it("blurs sensitive media until clicked and reserves its size", () => {
    const media = [
      { id: "m", url: "/m.png", type: "image" as const, contentType: "image/png", width: 400, height: 300, alt: "a cat" },
    ];
    const { container } = render(<PostCard post={makePost({ media, sensitive: true })} />);
    const img = container.querySelector("img[alt='a cat']");
    expect(img?.getAttribute("width")).toBe("400");
    expect(img?.getAttribute("height")).toBe("300");
    fireEvent.click(screen.getByTestId("sensitive-cover"));
    expect(screen.queryByTestId("sensitive-cover")).toBeNull();
  });
});

describe("helpers", () => {
  it("merges live reaction counts keeping our own flags", () => {
    expect(
      mergeReactions(
        [
          { emoji: "👍", count: 1, me: true },
          { emoji: "🎉", count: 1, me: false },
        ],
        [
          { emoji: "👍", count: 4 },
          { emoji: "🍣", count: 1 },
          { emoji: "🎉", count: 0 },
        ],
      ),
    ).toEqual([
      { emoji: "👍", count: 4, me: true },
      { emoji: "🍣", count: 1, me: false },
    ]);
  });

  it("parses stream frames and skips unknown ones", () => {
    const frames = parseStreamFrames(
      JSON.stringify([
        { type: "unread", count: 3 },
        { type: "later", x: 1 },
        { type: "notification", notification: { id: "n1", type: "mention", createdAt: "2026-01-01T00:00:00Z" } },
      ]),
    );
    expect(frames.map((f) => f.type)).toEqual(["unread", "notification"]);
    expect(parseStreamFrames("not json")).toEqual([]);
  });

  it("groups consecutive reactions on one post", () => {
    const n = (id: string, type: string, postId: string | null) => ({
      id,
      type,
      createdAt: "2026-01-01T00:00:00Z",
      read: false,
      account: { id: `a${id}`, username: `u${id}`, displayName: "", avatarUrl: null },
      post: postId ? makePost({ id: postId }) : null,
      emoji: "👍",
      community: null,
    });
    const groups = groupNotifications([
      n("1", "reaction", "p"),
      n("2", "reaction", "p"),
      n("3", "mention", "p"),
      n("4", "reaction", "q"),
    ]);
    expect(groups.map((g) => g.items.length)).toEqual([2, 1, 1]);
  });
});
