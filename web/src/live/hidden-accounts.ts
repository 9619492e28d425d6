// Accounts the viewer muted or blocked during this page's life: every visible post card
// of theirs disappears at once (the server leaves them out of the next pages).
import { signal } from "@preact/signals";

export const hiddenAccounts = signal<ReadonlySet<string>>(new Set());

export function hideAccount(id: string): void {
  hiddenAccounts.value = new Set([...hiddenAccounts.value, id]);
}

export function unhideAccount(id: string): void {
  const next = new Set(hiddenAccounts.value);
  next.delete(id);
  hiddenAccounts.value = next;
}
