import { useId, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { InnerPost } from "../api/client";
import { t } from "../i18n";
import { Icon } from "./icon";
import { authorItems } from "./post-menu-author";
import { ReportDialog } from "./report-dialog";

export interface PostMenuProps {
  post: InnerPost;
  signedIn: boolean;
  onBookmark: () => void;
  onPin: () => void;
  onEdit: () => void;
  onHistory: () => void;
  onDelete: () => void;
}

interface Item {
  testId: string;
  label: string;
  run: () => void;
  danger?: boolean;
}

/** The "more" menu of a post: bookmark, pin, edit, history, delete, report. Arrow keys move, Escape closes. */
export function PostMenu({ post, signedIn, onBookmark, onPin, onEdit, onHistory, onDelete }: PostMenuProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reporting, setReporting] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  const items: Item[] = [];
  if (signedIn) {
    items.push({
      testId: "bookmark-button",
      label: post.bookmarked ? t("post.unbookmark") : t("post.bookmark"),
      run: onBookmark,
    });
  }
  if (post.mine && !post.communityId)
    items.push({ testId: "pin-button", label: post.pinned ? t("post.unpin") : t("post.pin"), run: onPin });
  if (post.mine) items.push({ testId: "edit-button", label: t("post.edit"), run: onEdit });
  if (post.editedAt) items.push({ testId: "history-button", label: t("post.history"), run: onHistory });
  if (post.mine) items.push({ testId: "delete-button", label: t("post.delete"), run: onDelete, danger: true });
  if (signedIn && !post.mine)
    items.push({ testId: "report-button", label: t("report.post"), run: () => setReporting(true), danger: true });
  if (signedIn && !post.mine) items.push(...authorItems(post.author));

  // A layout effect: Escape and outside clicks work from the moment the menu is on screen.
  useLayoutEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLButtonElement>("[role=menuitem]")?.focus();
    const outside = (e: PointerEvent) => {
      const target = e.target;
      if (!(target instanceof Node)) return;
      if (menu.current?.contains(target) || button.current?.contains(target)) return;
      setOpen(false);
    };
    const onEscape = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("pointerdown", outside);
    document.addEventListener("keydown", onEscape);
    return () => {
      document.removeEventListener("pointerdown", outside);
      document.removeEventListener("keydown", onEscape);
    };
  }, [open]);

  if (items.length === 0) return null;

  function onKeyDown(e: KeyboardEvent) {
    const entries = [...(menu.current?.querySelectorAll<HTMLButtonElement>("[role=menuitem]") ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      entries[(at + step + entries.length) % entries.length]?.focus();
    } else if (e.key === "Tab") {
      setOpen(false);
    }
  }

  return (
    <span class="post-menu-wrap">
      <button
        ref={button}
        type="button"
        class="action"
        data-testid="post-menu"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        title={t("post.more")}
        onClick={() => setOpen(!open)}
      >
        <Icon name="more" />
        <span class="visually-hidden">{t("post.more")}</span>
      </button>
      {open && (
        <div ref={menu} id={`${id}-menu`} class="menu" role="menu" aria-label={t("post.more")} onKeyDown={onKeyDown}>
          {items.map((item) => (
            <button
              key={item.testId}
              type="button"
              role="menuitem"
              class={item.danger ? "menu-item menu-item-danger" : "menu-item"}
              data-testid={item.testId}
              onClick={() => {
                setOpen(false);
                item.run();
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
      {reporting && (
        <ReportDialog
          target={{ postId: post.id, label: `@${post.author.username}` }}
          remote={post.author.username.includes("@")}
          onClose={() => setReporting(false)}
        />
      )}
    </span>
  );
}
