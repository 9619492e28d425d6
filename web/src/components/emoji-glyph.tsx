import { emojiUrl, shortcodeOf } from "../emoji/custom-emoji";

/** One emoji: a Unicode character, or a custom emoji's image (alt `:shortcode:`). */
export function EmojiGlyph({
  emoji,
  emojis = [],
  size = 20,
}: {
  emoji: string;
  emojis?: readonly { shortcode: string; url: string }[];
  size?: number;
}) {
  const code = shortcodeOf(emoji);
  if (code === null) return <span class="emoji-char">{emoji}</span>;
  const url = emojiUrl(code, emojis);
  if (!url) return <span class="emoji-char emoji-missing">{emoji}</span>;
  return <img class="custom-emoji" src={url} alt={emoji} title={emoji} width={size} height={size} loading="lazy" />;
}
