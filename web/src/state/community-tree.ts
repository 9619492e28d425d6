// Communities as a tree (community → rooms), for the sidebar and the Rooms tab.
import { signal } from "@preact/signals";
import type { Community } from "../api/communities";

export interface TreeNode {
  readonly community: Community;
  readonly children: TreeNode[];
}

/** Nests `items` under their parents; an item whose parent is not in the list becomes a root. */
export function buildTree(items: readonly Community[]): TreeNode[] {
  const ids = new Set(items.map((c) => c.id));
  const byParent = new Map<string | null, Community[]>();
  for (const c of items) {
    const key = c.parentId !== null && ids.has(c.parentId) ? c.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), c]);
  }
  const build = (parent: string | null, seen: Set<string>): TreeNode[] =>
    (byParent.get(parent) ?? [])
      .filter((c) => !seen.has(c.id))
      .sort((a, b) => Number(a.archived) - Number(b.archived) || a.title.localeCompare(b.title))
      .map((c) => ({ community: c, children: build(c.id, new Set([...seen, c.id])) }));
  return build(null, new Set());
}

/** Total unread of a node and everything below it (shown on a collapsed parent). */
export function unreadBelow(node: TreeNode): number {
  return node.children.reduce((sum, child) => sum + (child.community.me?.unread ?? 0) + unreadBelow(child), 0);
}

const COLLAPSED_KEY = "commons.collapsedCommunities";

function readCollapsed(): Set<string> {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(COLLAPSED_KEY) ?? "[]");
    return new Set(Array.isArray(raw) ? raw.filter((x): x is string => typeof x === "string") : []);
  } catch {
    return new Set();
  }
}

/** Ids of tree nodes the user collapsed (remembered across visits). */
export const collapsed = signal<ReadonlySet<string>>(readCollapsed());

export function toggleCollapsed(id: string): void {
  const next = new Set(collapsed.value);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  collapsed.value = next;
  try {
    localStorage.setItem(COLLAPSED_KEY, JSON.stringify([...next]));
  } catch {
    // not remembered
  }
}
