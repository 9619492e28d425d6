import { describe, expect, it } from "vitest";
import { domainAndParents, effectivePolicy, normaliseDomain } from "../../workers/core/moderation/domain-blocks";
import { available, waitSeconds } from "../../workers/core/moderation/inbox-rate-limit";
import {
  countMentions,
  firstMatch,
  remoteNotificationVerdict,
  screenPost,
  uuidv7Time,
} from "../../workers/core/moderation/policies";
import { DEFAULT_SETTINGS } from "../../workers/core/settings/settings";

const settings = { ...DEFAULT_SETTINGS, prohibitedWords: ["spam link"], sensitiveWords: ["nsfw"] };
const input = { text: "", cw: null, mentions: 0, stranger: false };

describe("word matching", () => {
  it("folds case and width", () => {
    expect(firstMatch("Buy SPAM LINK now", ["spam link"])).toBe("spam link");
    expect(firstMatch("ｓｐａｍ ｌｉｎｋ", ["spam link"])).toBe("spam link");
    expect(firstMatch("spam, link", ["spam link"])).toBeNull();
    expect(firstMatch("anything", ["  "])).toBeNull();
  });

  it("counts distinct local and remote mentions, not e-mail addresses", () => {
    expect(countMentions("@a @b @a @c@x.example hi")).toBe(3);
    expect(countMentions("mail me at me@x.example")).toBe(0);
  });
});

describe("screenPost", () => {
  it("refuses prohibited words (also in the content warning) before anything else", () => {
    expect(screenPost(settings, { ...input, text: "a spam link" })).toMatchObject({ kind: "reject", rule: "prohibited_word" });
    expect(screenPost(settings, { ...input, cw: "spam link" })).toMatchObject({ kind: "reject", rule: "prohibited_word" });
  });

  it("caps mentions, more strictly for strangers", () => {
    expect(screenPost(settings, { ...input, mentions: 20 })).toMatchObject({ kind: "accept" });
    expect(screenPost(settings, { ...input, mentions: 21 })).toMatchObject({ kind: "reject", rule: "mention_limit" });
    expect(screenPost(settings, { ...input, mentions: 5, stranger: true })).toMatchObject({ kind: "accept" });
    expect(screenPost(settings, { ...input, mentions: 6, stranger: true })).toMatchObject({
      kind: "reject",
      rule: "stranger_mention_limit",
    });
  });

  it("adds a content warning for sensitive words, keeping the author's own", () => {
    expect(screenPost(settings, { ...input, text: "NSFW art" })).toEqual({
      kind: "accept",
      cw: "Sensitive content",
      hits: ["sensitive_word"],
    });
    expect(screenPost(settings, { ...input, text: "nsfw", cw: "mine" })).toMatchObject({ cw: "mine" });
  });
});

describe("remote notification verdict", () => {
  const now = new Date("2026-06-01T00:00:00Z");
  it("applies the unknown-sender policy, then the new-account hold", () => {
    const s = { ...DEFAULT_SETTINGS, unknownSenderPolicy: "filter" as const, newAccountHoldHours: 24 };
    expect(remoteNotificationVerdict(s, { followedLocally: false, firstSeenAt: null }, now)).toEqual({
      action: "filter",
      rule: "unknown_sender",
    });
    expect(remoteNotificationVerdict(s, { followedLocally: true, firstSeenAt: new Date(now.getTime() - 3600_000) }, now)).toEqual(
      { action: "filter", rule: "new_account_hold" },
    );
    expect(
      remoteNotificationVerdict(s, { followedLocally: true, firstSeenAt: new Date(now.getTime() - 48 * 3600_000) }, now),
    ).toEqual({ action: "allow", rule: null });
    expect(remoteNotificationVerdict(DEFAULT_SETTINGS, { followedLocally: false, firstSeenAt: null }, now).action).toBe("allow");
  });

  it("reads the time out of a UUIDv7", () => {
    expect(uuidv7Time("0193c6e2-f1a0-7c3d-9a77-5e2b8f3c1d20")?.getTime()).toBe(0x0193c6e2f1a0);
    expect(uuidv7Time("ra-bob")).toBeNull();
  });
});

describe("domains", () => {
  it("normalises hosts and lists their parents", () => {
    expect(normaliseDomain(" HTTPS://Mastodon.Example:443/@x ")).toBe("mastodon.example");
    expect(normaliseDomain("spam.example.")).toBe("spam.example");
    expect(normaliseDomain("not a domain")).toBeNull();
    expect(domainAndParents("a.b.example")).toEqual(["a.b.example", "b.example", "example"]);
  });

  it("takes the strongest severity and any flag of the covering blocks", () => {
    const at = new Date(0);
    const block = (severity: "suspend" | "silence" | "none", rejectMedia = false) => ({
      domain: "x",
      severity,
      rejectMedia,
      rejectReports: false,
      rejectFriends: false,
      comment: null,
      createdAt: at,
      updatedAt: at,
    });
    expect(effectivePolicy([block("none", true), block("silence")])).toMatchObject({ severity: "silence", rejectMedia: true });
    expect(effectivePolicy([block("silence"), block("suspend")]).severity).toBe("suspend");
    expect(effectivePolicy([]).severity).toBeNull();
  });
});

describe("inbox token buckets", () => {
  it("refill over a minute and name the wait", () => {
    expect(available(undefined, 60, 0)).toBe(60);
    expect(available({ tokens: 0, updatedAt: 0 }, 60, 30_000)).toBe(30);
    expect(available({ tokens: 0, updatedAt: 0 }, 60, 10 * 60_000)).toBe(60);
    const empty = new Map([["actor:x", { tokens: 0, updatedAt: 0 }]]);
    expect(waitSeconds(empty, [{ key: "actor:x", perMinute: 6 }], 0)).toBe(10);
    expect(waitSeconds(empty, [{ key: "peer:y", perMinute: 6 }], 0)).toBe(0);
  });
});
