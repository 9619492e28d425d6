import { useLocation } from "preact-iso";
import { t } from "../i18n";
import { collapsed, type TreeNode, toggleCollapsed, unreadBelow } from "../state/community-tree";
import { Avatar } from "./avatar";
import { Icon } from "./icon";
import { UnreadBadge } from "./unread-badge";

export interface CommunityTreeProps {
  nodes: TreeNode[];
  /** Test id of each link (the sidebar's entries are `community-link`). */
  linkTestId?: string;
  /** Show unread badges (joined communities only). */
  showUnread?: boolean;
  /** Accessible name of the list. */
  label: string;
}

function Node({ node, linkTestId, showUnread }: { node: TreeNode; linkTestId?: string; showUnread: boolean }) {
  const { path } = useLocation();
  const c = node.community;
  const hasChildren = node.children.length > 0;
  const open = !collapsed.value.has(c.id);
  const href = `/c/${c.name}`;
  const current = path === href || path === `/c/${c.id}`;
  const unread = c.me?.unread ?? 0;
  const hidden = hasChildren && !open ? unreadBelow(node) : 0;
  return (
    <li class="tree-item">
      <div class="tree-row">
        {hasChildren ? (
          <button
            type="button"
            class="tree-toggle"
            aria-expanded={open}
            aria-label={t(open ? "communities.collapse" : "communities.expand", { title: c.title })}
            onClick={() => toggleCollapsed(c.id)}
          >
            <Icon name="chevron" size={14} />
          </button>
        ) : (
          <span class="tree-toggle-space" aria-hidden="true" />
        )}
        <a
          href={href}
          class={c.archived ? "tree-link tree-link-archived" : "tree-link"}
          data-testid={linkTestId}
          data-community-name={c.name}
          aria-current={current ? "page" : undefined}
        >
          {c.depth === 0 ? (
            <Avatar url={c.iconUrl} name={c.title || c.name} seed={c.id} size={24} />
          ) : (
            <span class="tree-hash" aria-hidden="true">
              <Icon name="hash" size={16} />
            </span>
          )}
          <span class="tree-title" title={c.title || c.name}>
            {c.title || c.name}
          </span>
          {c.archived && <span class="visually-hidden">{t("communities.archivedShort")}</span>}
          {showUnread && <UnreadBadge count={unread + hidden} />}
        </a>
      </div>
      {hasChildren && open && (
        <ul class="tree tree-children">
          {node.children.map((child) => (
            <Node key={child.community.id} node={child} linkTestId={linkTestId} showUnread={showUnread} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** Communities and their rooms as an indented, collapsible list of links. */
export function CommunityTree({ nodes, linkTestId, showUnread = false, label }: CommunityTreeProps) {
  return (
    <ul class="tree" aria-label={label}>
      {nodes.map((node) => (
        <Node key={node.community.id} node={node} linkTestId={linkTestId} showUnread={showUnread} />
      ))}
    </ul>
  );
}
