import type { Account } from "../api/client";
import { Avatar } from "./avatar";

/** One account in a list (search results): avatar, names, the start of the bio. */
export function AccountRow({ account: a }: { account: Account }) {
  return (
    <a href={`/@${a.username}`} class="account-row" data-testid="account-row">
      <Avatar url={a.avatarUrl} name={a.displayName || a.username} seed={a.id} size={40} />
      <span class="account-row-names">
        <span class="display-name">{a.displayName || a.username}</span>
        <span class="username">@{a.username}</span>
        {a.bio && <span class="account-row-bio">{a.bio}</span>}
      </span>
    </a>
  );
}
