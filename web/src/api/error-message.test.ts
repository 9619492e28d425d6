import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setLang } from "../i18n";
import { ApiError, api } from "./client";
import { errorMessage } from "./error-message";

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

describe("errorMessage", () => {
  beforeEach(() => setLang("en"));
  afterEach(() => setLang("en"));

  it("maps known codes to translated messages", () => {
    expect(errorMessage(new ApiError(409, "username_taken", "taken"))).toBe("That username is already taken.");
    expect(errorMessage(new ApiError(401, "invalid_credentials", "bad"))).toBe("Wrong username or password.");
    setLang("ja");
    expect(errorMessage(new ApiError(409, "username_taken", "taken"))).toBe("このユーザー名はすでに使われています。");
    expect(errorMessage(new ApiError(429, "rate_limited", "slow down"))).toContain("しばらく待って");
  });

  it("keeps the server's detail for validation errors", () => {
    expect(errorMessage(new ApiError(400, "validation_failed", "password: too short"))).toBe(
      "Some fields are not valid: password: too short",
    );
  });

  it("falls back to the server message for unknown codes", () => {
    expect(errorMessage(new ApiError(418, "teapot", "I am a teapot"))).toBe("I am a teapot");
  });

  it("describes non-API errors", () => {
    expect(errorMessage(new Error("boom"))).toBe("Something went wrong: boom");
  });
});

describe("api client", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("sends JSON with the session cookie and parses the account", async () => {
    const account = {
      id: "1",
      username: "alice",
      displayName: "Alice",
      bio: "",
      avatarUrl: null,
      role: "user",
      createdAt: "2026-01-01T00:00:00Z",
      followersCount: 0,
      followingCount: 0,
      postsCount: 0,
    };
    const fetchMock = vi.fn(async () => jsonResponse(200, { account }));
    vi.stubGlobal("fetch", fetchMock);
    await expect(api.login({ username: "alice", password: "secret123" })).resolves.toEqual(account);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/api/auth/login");
    expect(init.method).toBe("POST");
    expect(init.credentials).toBe("same-origin");
    expect(new Headers(init.headers).get("Content-Type")).toBe("application/json");
    expect(JSON.parse(String(init.body))).toEqual({ username: "alice", password: "secret123" });
  });

  it("turns the error envelope into an ApiError", async () => {
    vi.stubGlobal("fetch", async () => jsonResponse(409, { error: { code: "username_taken", message: "Username is taken" } }));
    const err = await api.signup({ username: "alice", password: "secret123" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, code: "username_taken", message: "Username is taken" });
  });

  it("reports network failures and malformed responses with codes", async () => {
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    await expect(api.instance()).rejects.toMatchObject({ code: "network_error", status: 0 });
    vi.stubGlobal("fetch", async () => jsonResponse(200, { name: 42 }));
    await expect(api.instance()).rejects.toMatchObject({ code: "bad_response" });
  });
});
