// Accounts whose posts the viewer doesn't want to see on this page: everyone they mute or
// block (loaded when they sign in) and whoever they mute or block meanwhile. Post cards of
// theirs render nothing, also in places the server does not filter (community live frames,
// threads, search), and disappear at once after a mute or block.
import { effect, signal } from "@preact/signals";
import { relationsApi } from "../api/relations";
import { session } from "../state/session";

export const hiddenAccounts = signal<ReadonlySet<string>>(new Set());

export function hideAccount(id: string): void {
  hiddenAccounts.value = new Set([...hiddenAccounts.value, id]);
}

export function unhideAccount(id: string): void {
  const next = new Set(hiddenAccounts.value);
  next.delete(id);
  hiddenAccounts.value = next;
}

let started = false;

/** Loads the signed-in viewer's mutes and blocks, again whenever the account changes. */
export function startHiddenAccounts(): void {
  if (started || typeof document === "undefined") return;
  started = true;
  let account: string | null | undefined;
  effect(() => {
    const id = session.value?.id ?? null;
    if (id === account) return;
    account = id;
    hiddenAccounts.value = new Set();
    if (!id) return;
    Promise.all([relationsApi.mutes(), relationsApi.blocks()]).then(
      ([mutes, blocks]) => {
        if (account !== id) return;
        hiddenAccounts.value = new Set([...hiddenAccounts.value, ...mutes.map((m) => m.id), ...blocks.map((b) => b.id)]);
      },
      () => {
        // Without the lists the server's own filtering still applies.
      },
    );
  });
}
