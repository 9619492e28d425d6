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
}

export const VERSION = "0.1.0";

export function loadConfig(env: Env, requestUrl?: string): Config {
  const configured = String(env.ORIGIN ?? "").replace(/\/+$/, "");
  const origin = configured || (requestUrl ? new URL(requestUrl).origin : "http://127.0.0.1:8787");
  const environment = String(env.ENVIRONMENT ?? "production");
  return {
    origin,
    serverName: String(env.SERVER_NAME ?? "") || "Commons",
    environment: environment === "development" || environment === "test" ? environment : "production",
    version: VERSION,
  };
}
