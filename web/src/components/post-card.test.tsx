import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setLang } from "../i18n";
import { onPostEvent, type PostEvent } from "../live/post-events";
import { PostCard } from "./post-card";
import { makePost } from "./test-fixtures";

describe("PostCard", () => {
  beforeEach(() => setLang("en"));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("renders markup in the text as plain text, keeping line breaks", () => {
    const text = '<img src=x onerror="alert(1)"><b>bold</b>\nsecond line';
    const { container } = render(<PostCard post={makePost({ text })} />);
    const body = screen.getByTestId("post-text");
    expect(body.textContent).toBe(text);
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("b")).toBeNull();
  });

  it("links URLs safely in a new tab", () => {
    render(<PostCard post={makePost({ text: "go to https://example.com/x now" })} />);
    const link = screen.getByRole("link", { name: "https://example.com/x" });
    expect(link.getAttribute("href")).toBe("https://example.com/x");
    expect(link.getAttribute("target")).toBe("_blank");
    expect(link.getAttribute("rel")).toBe("nofollow noopener noreferrer");
  });

  it("shows author, profile link, permalink and visibility", () => {
    render(<PostCard post={makePost({ visibility: "followers" })} />);
    expect(screen.getByRole("link", { name: /Alice @alice/ }).getAttribute("href")).toBe("/@alice");
    const time = screen.getByText(/5 min/);
    expect(time.closest("a")?.getAttribute("href")).toBe("/posts/0190a1b2-0000-7000-8000-000000000001");
    expect(screen.getByText("Followers only")).toBeTruthy();
  });

  it("hides the text behind a content warning until asked", () => {
    render(<PostCard post={makePost({ cw: "spoilers", text: "the butler did it" })} />);
    const button = screen.getByRole("button", { name: "Show more" });
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(screen.getByTestId("post-text").closest("[hidden]")).not.toBeNull();
    fireEvent.click(button);
    expect(screen.getByRole("button", { name: "Show less" }).getAttribute("aria-expanded")).toBe("true");
    expect(screen.getByTestId("post-text").closest("[hidden]")).toBeNull();
  });

  it("offers delete only on your own posts and asks first", async () => {
    const { rerender } = render(<PostCard post={makePost()} />);
    expect(screen.queryByTestId("post-menu")).toBeNull();

    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => new Response(null, { status: 204 }));
    vi.stubGlobal("fetch", fetchMock);
    const events: PostEvent[] = [];
    const off = onPostEvent((e) => events.push(e));
    const confirm = vi.fn(() => false);
    rerender(<PostCard post={makePost({ mine: true })} confirm={confirm} />);
    fireEvent.click(screen.getByTestId("post-menu"));
    fireEvent.click(screen.getByRole("menuitem", { name: "Delete" }));
    expect(confirm).toHaveBeenCalled();
    expect(fetchMock).not.toHaveBeenCalled();

    confirm.mockReturnValue(true);
    fireEvent.click(screen.getByTestId("post-menu"));
    fireEvent.click(screen.getByRole("menuitem", { name: "Delete" }));
    await waitFor(() => expect(events).toEqual([{ kind: "deleted", id: makePost().id }]));
    expect(fetchMock.mock.calls[0]?.[0]).toBe(`/api/posts/${makePost().id}`);
    off();
  });
});
