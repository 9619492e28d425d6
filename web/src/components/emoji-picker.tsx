import { useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { customEmojis, loadCustomEmojis } from "../emoji/custom-emoji";
import { recentEmojis } from "../emoji/recent";
import { UNICODE_CATEGORIES, UNICODE_EMOJI, type UnicodeCategory } from "../emoji/unicode";
import { type MessageKey, t } from "../i18n";
import { EmojiGlyph } from "./emoji-glyph";

export interface EmojiPickerProps {
  onPick: (emoji: string) => void;
  onClose: () => void;
  /** Accessible name of the dialog. */
  label?: string;
}

interface Option {
  emoji: string;
  name: string;
}

const COLUMNS = 8;

function unicodeOptions(category: UnicodeCategory): Option[] {
  return UNICODE_EMOJI[category].map((e) => ({ emoji: e.char, name: e.keywords.split(" ")[0] ?? e.char }));
}

/** A popover for choosing an emoji: search (English/Japanese keywords, shortcodes), categories, recent, custom. */
export function EmojiPicker({ onPick, onClose, label }: EmojiPickerProps) {
  const root = useRef<HTMLDivElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const grid = useRef<HTMLDivElement>(null);
  const [query, setQuery] = useState("");
  const recent = recentEmojis.value;
  const custom = customEmojis.value;
  const customCategories = useMemo(() => [...new Set(custom.map((e) => e.category || "custom"))], [custom]);
  const tabs: string[] = [
    ...(recent.length ? ["recent"] : []),
    ...customCategories.map((c) => `custom:${c}`),
    ...UNICODE_CATEGORIES,
  ];
  const [tab, setTab] = useState<string>(tabs[0] ?? "smileys");

  // A layout effect: focus (and with it Escape) is inside the picker from the moment it is shown.
  useLayoutEffect(() => {
    void loadCustomEmojis();
    search.current?.focus();
    const outside = (e: PointerEvent) => {
      // The anchor holds the trigger too: its own click toggles the picker.
      const anchor = root.current?.parentElement ?? root.current;
      if (anchor && e.target instanceof Node && !anchor.contains(e.target)) onClose();
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [onClose]);

  const options: Option[] = useMemo(() => {
    const q = query.trim().toLowerCase().replace(/^:|:$/g, "");
    if (q) {
      const found: Option[] = custom
        .filter((e) => e.shortcode.toLowerCase().includes(q))
        .map((e) => ({ emoji: `:${e.shortcode}:`, name: e.shortcode }));
      for (const cat of UNICODE_CATEGORIES) {
        for (const e of UNICODE_EMOJI[cat]) {
          if (e.keywords.toLowerCase().includes(q)) found.push({ emoji: e.char, name: e.keywords.split(" ")[0] ?? e.char });
        }
      }
      return found.slice(0, 64);
    }
    if (tab === "recent") return recent.map((emoji) => ({ emoji, name: emoji }));
    if (tab.startsWith("custom:")) {
      const cat = tab.slice(7);
      return custom
        .filter((e) => (e.category || "custom") === cat)
        .map((e) => ({ emoji: `:${e.shortcode}:`, name: e.shortcode }));
    }
    return unicodeOptions((UNICODE_CATEGORIES as readonly string[]).includes(tab) ? (tab as UnicodeCategory) : "smileys");
  }, [query, tab, recent, custom]);

  function focusOption(index: number) {
    const buttons = grid.current?.querySelectorAll<HTMLButtonElement>("button[data-emoji]");
    if (!buttons || buttons.length === 0) return;
    buttons[Math.max(0, Math.min(buttons.length - 1, index))]?.focus();
  }

  function onGridKey(e: KeyboardEvent) {
    const buttons = [...(grid.current?.querySelectorAll<HTMLButtonElement>("button[data-emoji]") ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at === -1) return;
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS };
    const delta = moves[e.key];
    if (delta === undefined) {
      if (e.key === "Home") focusOption(0);
      else if (e.key === "End") focusOption(buttons.length - 1);
      else return;
      e.preventDefault();
      return;
    }
    e.preventDefault();
    if (e.key === "ArrowUp" && at < COLUMNS) search.current?.focus();
    else focusOption(at + delta);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  }

  function tabLabel(id: string): string {
    if (id === "recent") return t("emoji.recent");
    if (id.startsWith("custom:")) return id.slice(7) === "custom" ? t("emoji.custom") : id.slice(7);
    return t(`emoji.cat.${id}` as MessageKey);
  }

  function tabIcon(id: string): string {
    if (id === "recent") return "🕘";
    if (id.startsWith("custom:")) return "⭐";
    return UNICODE_EMOJI[id as UnicodeCategory]?.[0]?.char ?? "•";
  }

  return (
    <div
      ref={root}
      class="emoji-picker"
      role="dialog"
      aria-label={label ?? t("emoji.pick")}
      data-testid="emoji-picker"
      onKeyDown={onKeyDown}
    >
      <input
        ref={search}
        type="search"
        class="emoji-search"
        data-testid="emoji-search"
        placeholder={t("emoji.search")}
        aria-label={t("emoji.search")}
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            focusOption(0);
          } else if (e.key === "Enter") {
            e.preventDefault();
            const first = options[0];
            if (first) onPick(first.emoji);
          }
        }}
      />
      {!query && (
        <div class="emoji-tabs" role="tablist" aria-label={t("emoji.categories")}>
          {tabs.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              class="emoji-tab"
              aria-selected={tab === id}
              title={tabLabel(id)}
              onClick={() => setTab(id)}
            >
              <span aria-hidden="true">{tabIcon(id)}</span>
              <span class="visually-hidden">{tabLabel(id)}</span>
            </button>
          ))}
        </div>
      )}
      {/* biome-ignore lint/a11y/useSemanticElements: a grid of buttons, not a form fieldset */}
      <div
        ref={grid}
        class="emoji-grid"
        role="group"
        aria-label={query ? t("emoji.results") : tabLabel(tab)}
        onKeyDown={onGridKey}
      >
        {options.map((o) => (
          <button
            key={o.emoji}
            type="button"
            class="emoji-option"
            data-testid="emoji-option"
            data-emoji={o.emoji}
            title={o.name}
            aria-label={o.name}
            onClick={() => onPick(o.emoji)}
          >
            <EmojiGlyph emoji={o.emoji} size={24} />
          </button>
        ))}
        {options.length === 0 && <p class="emoji-empty">{t("emoji.none")}</p>}
      </div>
    </div>
  );
}
