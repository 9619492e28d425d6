import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setLang } from "../i18n";
import { Composer } from "./composer";
import { jsonResponse, makePost } from "./test-fixtures";

function textarea(): HTMLTextAreaElement {
  return screen.getByTestId("composer-text") as HTMLTextAreaElement;
}

describe("Composer", () => {
  beforeEach(() => setLang("en"));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    setLang("en");
  });

  it("counts down to 3,000 characters and blocks posting past the limit", () => {
    render(<Composer />);
    const submit = screen.getByTestId("composer-submit") as HTMLButtonElement;
    expect(screen.getByTestId("composer-counter").textContent).toBe("3000 characters left");
    expect(submit.disabled).toBe(true);

    fireEvent.input(textarea(), { target: { value: "hi 👋" } });
    expect(screen.getByTestId("composer-counter").textContent).toBe("2996 characters left");
    expect(submit.disabled).toBe(false);

    fireEvent.input(textarea(), { target: { value: "a".repeat(3001) } });
    expect(screen.getByTestId("composer-counter").textContent).toBe("-1 characters left");
    expect(submit.disabled).toBe(true);
  });

  it("offers all six visibilities with an explanation in each language", () => {
    render(<Composer />);
    const select = screen.getByTestId("composer-visibility") as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual([
      "public",
      "local_public",
      "unlisted",
      "followers",
      "direct",
      "local_only",
    ]);
    fireEvent.change(select, { target: { value: "local_only" } });
    expect(screen.getByTestId("composer-visibility-help").textContent).toMatch(/never sent to other servers/);
    setLang("ja");
    return waitFor(() =>
      expect(screen.getByTestId("composer-visibility-help").textContent).toMatch(/他のサーバーには連合しません/),
    );
  });

  it("shows the content warning field only when toggled", () => {
    render(<Composer />);
    expect(screen.queryByTestId("composer-cw")).toBeNull();
    fireEvent.click(screen.getByTestId("composer-cw-toggle"));
    expect(screen.getByTestId("composer-cw")).toBeTruthy();
    expect(screen.getByLabelText("Warning text")).toBe(screen.getByTestId("composer-cw"));
  });

  it("posts a reply with cw, visibility and replyToId on Ctrl+Enter", async () => {
    const replyTo = makePost({ id: "p1", visibility: "unlisted" });
    const created = makePost({ id: "p2", text: "me too", replyToId: "p1", mine: true });
    const fetchMock = vi.fn(async () => jsonResponse(201, { post: created }));
    vi.stubGlobal("fetch", fetchMock);
    const onPosted = vi.fn();
    render(<Composer replyTo={replyTo} onPosted={onPosted} />);

    expect(screen.getByText("Replying to @alice")).toBeTruthy();
    fireEvent.click(screen.getByTestId("composer-cw-toggle"));
    fireEvent.input(screen.getByTestId("composer-cw"), { target: { value: "food" } });
    fireEvent.input(textarea(), { target: { value: "me too" } });
    fireEvent.keyDown(textarea(), { key: "Enter", ctrlKey: true });

    await waitFor(() => expect(onPosted).toHaveBeenCalledWith(created));
    const init = (fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(JSON.parse(String(init.body))).toEqual({
      text: "me too",
      visibility: "unlisted",
      cw: "food",
      replyToId: "p1",
    });
    expect(textarea().value).toBe("");
  });

  it("shows API errors in an alert", async () => {
    vi.stubGlobal("fetch", async () => jsonResponse(429, { error: { code: "rate_limited", message: "slow" } }));
    render(<Composer />);
    fireEvent.input(textarea(), { target: { value: "hello" } });
    fireEvent.click(screen.getByTestId("composer-submit"));
    const error = await screen.findByTestId("error");
    expect(error.textContent).toMatch(/Too many requests/);
    expect(error.closest("[role=alert]")).not.toBeNull();
    expect(textarea().value).toBe("hello");
  });
});
