import type { ComponentChildren } from "preact";
import { emojiUrl } from "../emoji/custom-emoji";
import { mentionPath, type Token, tagPath, tokenize } from "./tokenize";

type EmojiList = readonly { shortcode: string; url: string }[];

function render(tokens: Token[], emojis: EmojiList): ComponentChildren[] {
  return tokens.map((token, i) => {
    switch (token.kind) {
      case "text":
        return token.text;
      case "url":
        return (
          <a key={i} href={token.href} target="_blank" rel="nofollow noopener noreferrer">
            {token.href}
          </a>
        );
      case "mention": {
        const label = token.host ? `@${token.username}@${token.host}` : `@${token.username}`;
        return (
          <a key={i} href={mentionPath(token.username, token.host)} class="mention" data-testid="mention-link">
            {label}
          </a>
        );
      }
      case "hashtag":
        return (
          <a key={i} href={tagPath(token.tag)} class="hashtag" data-testid="hashtag-link">
            #{token.tag}
          </a>
        );
      case "emoji": {
        const url = emojiUrl(token.shortcode, emojis);
        const name = `:${token.shortcode}:`;
        return url ? <img key={i} class="custom-emoji" src={url} alt={name} title={name} width={20} height={20} /> : name;
      }
      case "code":
        return (
          <code key={i} class="inline-code">
            {token.text}
          </code>
        );
      case "bold":
        return <strong key={i}>{render(token.children, emojis)}</strong>;
      case "italic":
        return <em key={i}>{render(token.children, emojis)}</em>;
      case "small":
        return (
          <small key={i} class="mfm-small">
            {render(token.children, emojis)}
          </small>
        );
      case "center":
        return (
          <span key={i} class="mfm-center">
            {render(token.children, emojis)}
          </span>
        );
      default:
        return null;
    }
  });
}

/** Post text (or a content warning) from our tokens: links, mentions, hashtags, custom emoji, a little MFM. */
export function RichText({ text, emojis = [] }: { text: string; emojis?: EmojiList }) {
  const tokens = tokenize(text, { isEmoji: (code) => emojiUrl(code, emojis) !== null });
  return <>{render(tokens, emojis)}</>;
}
