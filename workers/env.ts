/**
 * Bindings -> typed configuration. The only module besides deps.ts that reads `env`.
 */
export interface Config {
  /** Public origin, e.g. https://example.social or http://127.0.0.1:8787. */
  readonly origin: string;
  readonly serverName: string;
  /** "development" under `npm start`, "test" in vitest, "production" when deployed. */
  readonly environment: "development" | "test" | "production";
  readonly version: string;
  /** Whether ORIGIN was configured (federation needs a fixed origin outside a request). */
  readonly originConfigured: boolean;
  /**
   * Federation may fetch plain-http and private/loopback addresses (peers on 127.0.0.1).
   * Only in development and tests, never in production (an SSRF guard).
   */
  readonly allowPrivateAddress: boolean;
  /**
   * Remote media (other servers' attachments, avatars, custom emoji): "proxy" streams them
   * through /proxy/media, never stored; "off" hides them (the operator switch of DESIGN.md).
   */
  readonly remoteMedia: "proxy" | "off";
}

export const VERSION = "0.1.0";

export function loadConfig(
  env: Pick<Env, "ORIGIN" | "SERVER_NAME" | "ENVIRONMENT"> & Partial<Pick<Env, "REMOTE_MEDIA">>,
  requestUrl?: string,
): Config {
  const configured = String(env.ORIGIN ?? "").replace(/\/+$/, "");
  const origin = configured || (requestUrl ? new URL(requestUrl).origin : "http://127.0.0.1:8787");
  const environment = String(env.ENVIRONMENT ?? "production");
  const mode: Config["environment"] = environment === "development" || environment === "test" ? environment : "production";
  return {
    origin,
    serverName: String(env.SERVER_NAME ?? "") || "Commons",
    environment: mode,
    version: VERSION,
    originConfigured: configured !== "",
    allowPrivateAddress: mode !== "production",
    remoteMedia: String(env.REMOTE_MEDIA ?? "proxy") === "off" ? "off" : "proxy",
  };
}

/** AT Protocol settings (wrangler.toml [vars]; `npm start` passes them through from the environment). */
export interface AtprotoConfig {
  /** null: no AppView ("none" or empty), read from each PDS only. */
  readonly appViewUrl: string | null;
  readonly plcUrl: string;
  readonly handleResolverUrl: string | null;
}

export function loadAtprotoConfig(
  env: Partial<Pick<Env, "ATPROTO_APPVIEW_URL" | "ATPROTO_PLC_URL" | "ATPROTO_HANDLE_RESOLVER_URL">>,
): AtprotoConfig {
  const read = (v: unknown) => {
    const s = String(v ?? "").trim();
    return s === "" || s === "none" ? null : s.replace(/\/+$/, "");
  };
  return {
    appViewUrl: read(env.ATPROTO_APPVIEW_URL),
    plcUrl: read(env.ATPROTO_PLC_URL) ?? "https://plc.directory",
    handleResolverUrl: read(env.ATPROTO_HANDLE_RESOLVER_URL),
  };
}
