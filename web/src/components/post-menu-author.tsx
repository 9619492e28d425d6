import type { Author } from "../api/client";
import { relationsApi } from "../api/relations";
import { t } from "../i18n";
import { hideAccount } from "../live/hidden-accounts";

/** The post menu's entries about its author: mute and block (their posts vanish from the page at once). */
export function authorItems(author: Author, confirm = (message: string) => window.confirm(message)) {
  const act = (call: () => Promise<unknown>) => () => {
    call().then(
      () => hideAccount(author.id),
      (e: unknown) => window.alert(e instanceof Error ? e.message : String(e)),
    );
  };
  return [
    {
      testId: "mute-author-button",
      label: t("relations.muteUser", { username: author.username }),
      run: act(() => relationsApi.mute(author.username)),
    },
    {
      testId: "block-author-button",
      label: t("relations.blockUser", { username: author.username }),
      run: () => {
        if (confirm(t("relations.blockConfirm", { username: author.username }))) act(() => relationsApi.block(author.username))();
      },
      danger: true,
    },
  ];
}
