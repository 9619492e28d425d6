import { describe, expect, it } from "vitest";
import { applyViewerFilter, type ViewerFilter } from "../../workers/core/relations/mutes-blocks";
import { isFiltered, OPEN_POLICY } from "../../workers/core/relations/notification-policy";

const filter = (over: Partial<ViewerFilter> = {}): ViewerFilter => ({
  hiddenAuthors: new Set(),
  hiddenNotifiers: new Set(),
  hiddenBoosters: new Set(),
  words: [],
  ...over,
});
const post = (author: string, text: string, boostOf: { author: { id: string }; text: string } | null = null) => ({
  author: { id: author },
  text,
  cw: null,
  boostOf,
});

describe("applyViewerFilter", () => {
  it("drops hidden authors (also as the boosted author) and hidden boosters' boosts", () => {
    const posts = [
      post("a", "one"),
      post("b", "", { author: { id: "a" }, text: "one" }),
      post("c", "", { author: { id: "d" }, text: "x" }),
      post("c", "own"),
    ];
    expect(applyViewerFilter(filter({ hiddenAuthors: new Set(["a"]) }), posts).map((p) => p.author.id)).toEqual(["c", "c"]);
    expect(applyViewerFilter(filter({ hiddenBoosters: new Set(["c"]) }), posts).map((p) => p.text)).toEqual(["one", "", "own"]);
  });

  it("hides or marks posts matching word filters", () => {
    const at = new Date(0);
    const words = [
      { id: "1", phrase: "Spoiler", action: "hide" as const, createdAt: at },
      { id: "2", phrase: "news", action: "warn" as const, createdAt: at },
    ];
    const out = applyViewerFilter(filter({ words }), [post("a", "a SPOILER"), post("a", "the news"), post("a", "fine")]);
    expect(out.map((p) => [p.text, p.filtered])).toEqual([
      ["the news", ["news"]],
      ["fine", undefined],
    ]);
  });
});

describe("notification filter", () => {
  const facts = {
    following: new Set(["friend"]),
    followers: new Set(["fan"]),
    createdAt: new Map([
      ["newbie", new Date("2026-05-20T00:00:00Z")],
      ["friend", new Date("2020-01-01T00:00:00Z")],
    ]),
    directPosts: new Set(["dm"]),
  };
  const now = new Date("2026-06-01T00:00:00Z");
  const n = (actorId: string, postId: string | null = null, type = "mention" as const) => ({ actorId, postId, type });

  it("filters by the chosen kinds of senders only", () => {
    expect(isFiltered(OPEN_POLICY, facts, n("stranger"), now)).toBe(false);
    expect(isFiltered({ ...OPEN_POLICY, notFollowing: true }, facts, n("stranger"), now)).toBe(true);
    expect(isFiltered({ ...OPEN_POLICY, notFollowing: true }, facts, n("friend"), now)).toBe(false);
    expect(isFiltered({ ...OPEN_POLICY, notFollowers: true }, facts, n("fan"), now)).toBe(false);
    expect(isFiltered({ ...OPEN_POLICY, newAccounts: true }, facts, n("newbie"), now)).toBe(true);
    expect(isFiltered({ ...OPEN_POLICY, newAccounts: true }, facts, n("friend"), now)).toBe(false);
    expect(isFiltered({ ...OPEN_POLICY, privateMentions: true }, facts, n("stranger", "dm"), now)).toBe(true);
    expect(isFiltered({ ...OPEN_POLICY, privateMentions: true }, facts, n("friend", "dm"), now)).toBe(false);
  });
});
