import { describe, expect, it } from "vitest";
import type { Community } from "../api/communities";
import { buildTree, unreadBelow } from "./community-tree";

function community(id: string, parentId: string | null, title: string, unread = 0): Community {
  return {
    id,
    name: id,
    title,
    description: "",
    rules: "",
    iconUrl: null,
    bannerUrl: null,
    parentId,
    rootId: "r",
    depth: parentId ? 1 : 0,
    joinPolicy: "open",
    visibility: "public",
    slowModeSeconds: 0,
    membersCount: 1,
    postsCount: 0,
    lastSeq: 0,
    lastPostAt: null,
    archived: false,
    createdAt: "2026-01-01T00:00:00Z",
    url: "",
    me: { member: true, role: "member", requested: false, unread },
  };
}

describe("buildTree", () => {
  it("nests rooms under their parents, sorted by title, with orphans as roots", () => {
    const tree = buildTree([
      community("b", "r", "Beta", 2),
      community("r", null, "Root"),
      community("a", "r", "Alpha"),
      community("x", "b", "Deep", 3),
      community("o", "missing", "Orphan"),
    ]);
    expect(tree.map((n) => n.community.id)).toEqual(["o", "r"]);
    const root = tree[1]!;
    expect(root.children.map((n) => n.community.id)).toEqual(["a", "b"]);
    expect(root.children[1]!.children.map((n) => n.community.id)).toEqual(["x"]);
    expect(unreadBelow(root)).toBe(5);
  });
});
