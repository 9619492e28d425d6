import { describe, expect, it } from "vitest";
import { layout } from "./friend-map";

const dist = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

describe("friend map layout", () => {
  it("puts us in the middle, friends on the inner ring, their friends outside, near who links them, none on top of another", () => {
    const pos = layout({
      nodes: [
        { id: "us", kind: "self" },
        { id: "a", kind: "friend" },
        { id: "b", kind: "friend" },
        { id: "x", kind: "remote" },
        { id: "y", kind: "remote" },
      ],
      edges: [
        { from: "us", to: "a", state: "accepted", paused: false, health: "ok" },
        { from: "us", to: "b", state: "pending", paused: false, health: "unknown" },
        { from: "a", to: "x", state: "known", paused: false, health: "unknown" },
        { from: "a", to: "y", state: "known", paused: false, health: "unknown" },
      ],
    });
    const [us, a, b, x, y] = ["us", "a", "b", "x", "y"].map((id) => pos.get(id)!);
    expect(us).toEqual({ x: 280, y: 280 });
    expect(dist(us!, a!)).toBeCloseTo(150);
    expect(dist(us!, b!)).toBeCloseTo(150);
    expect(dist(us!, x!)).toBeCloseTo(245);
    // a's friends sit on a's side of the map, apart from each other.
    expect(dist(x!, a!)).toBeLessThan(dist(x!, b!));
    expect(dist(y!, a!)).toBeLessThan(dist(y!, b!));
    expect(dist(x!, y!)).toBeGreaterThan(40);
  });
});
