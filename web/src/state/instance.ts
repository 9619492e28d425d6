// Server information from GET /api/instance, shown in the header and the page title.
import { signal } from "@preact/signals";
import { api, type Instance } from "../api/client";

export const instance = signal<Instance | null>(null);

export function serverName(): string {
  return instance.value?.name ?? "Commons";
}

export async function loadInstance(): Promise<void> {
  try {
    instance.value = await api.instance();
    document.title = instance.value.name;
  } catch {
    // keep the default name; the header still works without it
  }
}
