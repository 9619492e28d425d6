import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setLang } from "../i18n";
import { ReportDialog } from "./report-dialog";

describe("ReportDialog", () => {
  beforeEach(() => setLang("en"));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("sends the category and comment, and offers forwarding only for remote content", async () => {
    const fetchMock = vi.fn(
      async () => new Response(JSON.stringify({ report: { id: "r", status: "open", forwarded: false } }), { status: 201 }),
    );
    vi.stubGlobal("fetch", fetchMock);
    render(<ReportDialog target={{ postId: "p1", label: "@bob" }} remote={false} onClose={() => {}} />);
    expect(screen.queryByText(/their server/)).toBeNull();
    fireEvent.click(screen.getByTestId("report-category-abuse"));
    fireEvent.input(screen.getByTestId("report-comment"), { target: { value: "  rude  " } });
    fireEvent.click(screen.getByTestId("report-submit"));
    await waitFor(() => screen.getByTestId("report-done"));
    const [path, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe("/api/reports");
    expect(JSON.parse(String(init.body))).toEqual({ postId: "p1", category: "abuse", comment: "rude" });
  });

  it("forwards remote reports when asked", async () => {
    const fetchMock = vi.fn(async () => new Response("{}", { status: 201 }));
    vi.stubGlobal("fetch", fetchMock);
    render(<ReportDialog target={{ accountId: "a1", label: "@bob@remote.example" }} remote={true} onClose={() => {}} />);
    fireEvent.click(screen.getByText(/their server/));
    fireEvent.click(screen.getByTestId("report-submit"));
    await waitFor(() => screen.getByTestId("report-done"));
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(JSON.parse(String(init.body))).toEqual({ accountId: "a1", category: "spam", comment: "", forward: true });
  });
});
