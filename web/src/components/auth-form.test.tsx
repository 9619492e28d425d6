import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { LocationProvider } from "preact-iso";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setLang } from "../i18n";
import { session } from "../state/session";
import { AuthForm } from "./auth-form";
import { jsonResponse } from "./test-fixtures";

function fill(username: string, password: string) {
  fireEvent.input(screen.getByTestId("username"), { target: { value: username } });
  fireEvent.input(screen.getByTestId("password"), { target: { value: password } });
  fireEvent.click(screen.getByTestId("submit"));
}

describe("AuthForm", () => {
  beforeEach(() => {
    setLang("en");
    session.value = null;
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("checks username and password rules before signing up", () => {
    const fetchMock = vi.fn();
    vi.stubGlobal("fetch", fetchMock);
    render(
      <LocationProvider>
        <AuthForm mode="signup" />
      </LocationProvider>,
    );
    fill("bad name!", "password123");
    expect(screen.getByTestId("error").textContent).toMatch(/letters, numbers and _/);
    fill("alice", "short");
    expect(screen.getByTestId("error").textContent).toMatch(/8 to 256/);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("explains a taken username in Japanese", async () => {
    setLang("ja");
    vi.stubGlobal("fetch", async () => jsonResponse(409, { error: { code: "username_taken", message: "taken" } }));
    render(
      <LocationProvider>
        <AuthForm mode="signup" />
      </LocationProvider>,
    );
    fill("alice", "password123");
    await waitFor(() => expect(screen.getByTestId("error").textContent).toBe("このユーザー名はすでに使われています。"));
    expect(session.value).toBeNull();
  });

  it("reports wrong credentials on login", async () => {
    vi.stubGlobal("fetch", async () =>
      jsonResponse(401, { error: { code: "invalid_credentials", message: "Wrong username or password" } }),
    );
    render(
      <LocationProvider>
        <AuthForm mode="login" />
      </LocationProvider>,
    );
    expect(screen.getByTestId("login-form")).toBeTruthy();
    fill("alice", "whatever1");
    expect(await screen.findByTestId("error")).toBeTruthy();
    expect(screen.getByTestId("error").textContent).toBe("Wrong username or password.");
  });
});
