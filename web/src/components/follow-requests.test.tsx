import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Account } from "../api/client";
import { setLang } from "../i18n";
import { FollowButton } from "./follow-button";
import { FollowRequests } from "./follow-requests";
import { NotificationItem } from "./notification-item";
import { makePost } from "./test-fixtures";

const account = (relationship: Account["relationship"]): Account => ({
  id: "a1",
  username: "alice",
  displayName: "Alice",
  bio: "",
  avatarUrl: null,
  role: "user",
  createdAt: "2026-01-01T00:00:00Z",
  followersCount: 0,
  followingCount: 0,
  postsCount: 0,
  locked: true,
  relationship,
});

describe("locked accounts in the web client", () => {
  beforeEach(() => setLang("en"));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("the follow button shows a pending request, and clicking withdraws it", async () => {
    const fetch = vi.fn(async () => Response.json({ relationship: { following: false, requested: false, followedBy: false } }));
    vi.stubGlobal("fetch", fetch);
    const onChange = vi.fn();
    render(<FollowButton account={account({ following: false, requested: true, followedBy: false })} onChange={onChange} />);
    const button = screen.getByTestId("follow-button");
    expect(button.textContent).toBe("Requested");
    expect(button.dataset.state).toBe("requested");
    fireEvent.click(button);
    await waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(fetch).toHaveBeenCalledWith("/api/follows/alice", expect.objectContaining({ method: "DELETE" }));
  });

  it("lists follow requests, local and remote, and accepts one", async () => {
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
      if (init?.method === "POST") return new Response(null, { status: 204 });
      return Response.json({
        items: [
          {
            id: "r2",
            createdAt: "2026-01-01T00:00:00Z",
            account: { id: "x", username: "bob", acct: "bob@remote.example", displayName: "Bob", avatarUrl: null, remote: true },
          },
          {
            id: "r1",
            createdAt: "2026-01-01T00:00:00Z",
            account: { id: "y", username: "carol", acct: "carol", displayName: "Carol", avatarUrl: null },
          },
        ],
        nextCursor: null,
      });
    });
    vi.stubGlobal("fetch", fetch);
    render(<FollowRequests />);
    await waitFor(() => expect(screen.getAllByTestId("follow-request")).toHaveLength(2));
    expect(screen.getAllByTestId("follow-request")[0]?.textContent).toContain("@bob@remote.example");
    fireEvent.click(screen.getAllByTestId("follow-request-accept")[0] as HTMLElement);
    await waitFor(() => expect(screen.getAllByTestId("follow-request")).toHaveLength(1));
    expect(fetch).toHaveBeenCalledWith("/api/follow-requests/r2/accept", expect.objectContaining({ method: "POST" }));
  });

  it("a mention notification about a remote post links to the post on its server", () => {
    const post = makePost({
      id: "r",
      url: "https://remote.example/@bob/1",
      author: { id: "ra", username: "bob@remote.example", displayName: "Bob", avatarUrl: null },
    });
    const n = {
      id: "n1",
      type: "mention",
      createdAt: "2026-01-01T00:00:00Z",
      read: false,
      account: post.author,
      post,
      emoji: null,
      community: null,
    };
    render(<NotificationItem group={{ key: "n1", type: "mention", items: [n] }} />);
    expect(screen.getByRole("link").getAttribute("href")).toBe("https://remote.example/@bob/1");
  });

  it("replying to a remote post starts with a mention of its author", async () => {
    const { Composer } = await import("./composer");
    const remote = makePost({
      id: "r",
      author: { id: "ra", username: "bob@remote.example", displayName: "Bob", avatarUrl: null },
    });
    render(<Composer replyTo={remote} />);
    expect((screen.getByTestId("composer-text") as HTMLTextAreaElement).value).toBe("@bob@remote.example ");
  });
});
