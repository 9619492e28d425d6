// Browser tests for post features: reactions with the emoji picker, media upload with
// progress, and the live notification badge. Included in the list exported by tests.mjs.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { deflateSync } from "node:zlib";
import { eventually, signUp, uniqueName } from "./helpers.mjs";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** Submits the first composer and returns the created post (from the API response). */
async function submitComposer(page) {
  const composer = page.getByTestId("composer").first();
  const response = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/posts" && r.request().method() === "POST");
  await composer.getByTestId("composer-submit").click();
  const res = await response;
  assert.ok(res.ok(), `POST /api/posts answered ${res.status()}: ${await res.text()}`);
  return (await res.json()).post;
}

async function compose(page, text) {
  await page.getByTestId("composer").first().getByTestId("composer-text").fill(text);
  return submitComposer(page);
}

function card(page, id) {
  return page.locator(`[data-testid="post"][data-post-id="${id}"]`).first();
}

/** Same-origin API call with the page's cookies (the CSRF check wants an Origin header). */
function api(page, method, path, data) {
  const origin = new URL(page.url()).origin;
  return page.context().request.fetch(path, { method, data, headers: { Origin: origin } });
}

/** Skips (naming the endpoint) when the backend does not serve it yet, instead of failing obscurely. */
async function requireEndpoint(t, page, method, path, data) {
  const res = await api(page, method, path, data);
  if (res.status() === 404 || res.status() === 405) {
    const body = await res.text();
    if (!body.includes('"not_found"') || body.includes("No route"))
      t.skip(`backend endpoint missing: ${method} ${path} (${res.status()})`);
  }
  return res;
}

// A tiny valid PNG (solid colour), built by hand so the test needs no image library.
function crc32(buf) {
  let c;
  let crc = 0xffffffff;
  for (const byte of buf) {
    c = (crc ^ byte) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
export function makePng(width, height, [r, g, b]) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([r, g, b], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export const postTests = [
  {
    name: "react to a post with the emoji picker, see the chip and toggle it off",
    async fn(t) {
      const page = await t.newPage();
      await signUp(page, uniqueName("react"));
      const post = await compose(page, `React to me #e2e ${randomBytes(3).toString("hex")}`);
      const c = card(page, post.id);
      await c.waitFor();

      await c.getByTestId("reaction-button").click();
      const picker = page.getByTestId("emoji-picker");
      await picker.waitFor();
      await picker.getByTestId("emoji-search").fill("sushi");
      const option = picker.locator('[data-testid="emoji-option"][data-emoji="🍣"]');
      await option.waitFor();
      await t.screenshot(page, "picker-open");
      const reacted = page.waitForResponse(
        (r) => r.url().includes(`/api/posts/${post.id}/reactions`) && r.request().method() === "POST",
      );
      await option.click();
      const res = await reacted;
      assert.ok(res.ok(), `POST reactions answered ${res.status()}: ${await res.text()}`);
      await picker.waitFor({ state: "detached" });

      const chip = c.locator('[data-testid="reaction"][data-emoji="🍣"]');
      await eventually(async () => (await chip.getAttribute("aria-pressed")) === "true");
      assert.equal((await chip.innerText()).replace(/\s+/g, ""), "🍣1");
      await t.screenshot(page, "reacted");

      // Stored server-side: still there after a reload, and the picker remembers it as recent.
      await page.reload();
      await card(page, post.id).locator('[data-testid="reaction"][data-emoji="🍣"][aria-pressed="true"]').waitFor();
      await card(page, post.id).getByTestId("reaction-button").click();
      await page.getByTestId("emoji-picker").locator('[data-testid="emoji-option"][data-emoji="🍣"]').first().waitFor();
      await page.keyboard.press("Escape");
      await page.getByTestId("emoji-picker").waitFor({ state: "detached" });

      // Toggle off: the chip disappears (count 0).
      const removed = page.waitForResponse(
        (r) => r.url().includes(`/api/posts/${post.id}/reactions/`) && r.request().method() === "DELETE",
      );
      await card(page, post.id).locator('[data-testid="reaction"][data-emoji="🍣"]').click();
      assert.ok((await removed).ok(), "DELETE reaction failed");
      await card(page, post.id).locator('[data-testid="reaction"][data-emoji="🍣"]').waitFor({ state: "detached" });

      // React again, then look at it in Japanese on a phone.
      await card(page, post.id).getByTestId("reaction-button").click();
      await page.getByTestId("emoji-search").fill("寿司");
      await page.locator('[data-testid="emoji-option"][data-emoji="🍣"]').click();
      await card(page, post.id).locator('[data-testid="reaction"][data-emoji="🍣"][aria-pressed="true"]').waitFor();
      const phone = await t.newPage({ ...PHONE, locale: "ja-JP" });
      await phone.goto(`/posts/${post.id}`);
      await card(phone, post.id).locator('[data-testid="reaction"][data-emoji="🍣"]').waitFor();
      await t.screenshot(phone, "reaction-ja-phone");
    },
  },
  {
    name: "attach an image: upload progress, alt text, the attachment rendered; sensitive media blurred",
    async fn(t) {
      const page = await t.newPage();
      await signUp(page, uniqueName("media"));
      const composer = page.getByTestId("composer").first();
      const png = makePng(120, 80, [48, 86, 211]);
      // Record every progress value the page shows (the upload of a small file is quick).
      await page.evaluate(() => {
        window.__progress = [];
        new MutationObserver(() => {
          for (const el of document.querySelectorAll("[data-testid=upload-progress]")) {
            window.__progress.push(Number(el.getAttribute("data-progress")));
          }
        }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-progress"] });
      });
      await composer.getByTestId("media-input").setInputFiles({ name: "blue.png", mimeType: "image/png", buffer: png });
      const item = composer.getByTestId("media-item");
      await item.waitFor();
      const progress = item.getByTestId("upload-progress");
      await progress.waitFor();
      await eventually(async () => (await item.getAttribute("data-status")) !== "uploading", { timeout: 20_000 });
      if ((await item.getAttribute("data-status")) === "error") {
        const message = await item.getByTestId("media-error").innerText();
        if (/not found|404/i.test(message)) t.skip(`backend endpoint missing: POST /api/media (${message})`);
        assert.fail(`upload failed: ${message}`);
      }
      assert.equal(await progress.getAttribute("data-progress"), "100");
      const seen = await page.evaluate(() => window.__progress);
      assert.ok(seen.length > 0 && seen.every((p) => p >= 0 && p <= 100), `progress values: ${seen}`);
      await item.getByTestId("media-alt").fill("A blue rectangle");
      await composer.getByTestId("composer-text").fill("Look at this picture");
      await t.screenshot(page, "attached");
      const post = await submitComposer(page);
      assert.equal(post.media?.length, 1, `post has no media: ${JSON.stringify(post)}`);

      const media = card(page, post.id).getByTestId("media");
      await media.waitFor();
      const img = media.locator("img");
      assert.equal(await img.getAttribute("alt"), "A blue rectangle");
      assert.equal(await img.getAttribute("width"), "120");
      assert.equal(await img.getAttribute("height"), "80");
      await eventually(() => img.evaluate((el) => el.complete && el.naturalWidth === 120));
      await t.screenshot(page, "media-posted");
      // The lightbox opens and closes with Escape.
      await media.locator("button").click();
      await page.getByTestId("lightbox").waitFor();
      await page.keyboard.press("Escape");
      await page.getByTestId("lightbox").waitFor({ state: "detached" });

      // Sensitive: blurred behind a cover until clicked.
      await composer
        .getByTestId("media-input")
        .setInputFiles({ name: "red.png", mimeType: "image/png", buffer: makePng(64, 64, [200, 30, 30]) });
      await eventually(async () => (await composer.getByTestId("media-item").getAttribute("data-status")) === "done", {
        timeout: 20_000,
      });
      await composer.getByTestId("sensitive-toggle").check();
      const sensitive = await submitComposer(page);
      assert.equal(sensitive.sensitive, true, "post not marked sensitive");
      const cover = card(page, sensitive.id).getByTestId("sensitive-cover");
      await cover.waitFor();
      await t.screenshot(page, "sensitive-covered");
      await cover.click();
      await cover.waitFor({ state: "detached" });

      // A file type the server refuses is reported before uploading.
      await composer
        .getByTestId("media-input")
        .setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hi") });
      await composer.getByTestId("media-error").waitFor();
      assert.match(await composer.getByTestId("media-error").innerText(), /not supported/);

      const phone = await t.newPage({ ...PHONE, locale: "ja-JP" });
      await phone.goto(`/posts/${post.id}`);
      await card(phone, post.id).getByTestId("media").waitFor();
      await t.screenshot(phone, "media-ja-phone");
    },
  },
  {
    name: "the notification badge updates live when another user mentions or reacts",
    async fn(t) {
      const alicePage = await t.newPage();
      const alice = uniqueName("alice");
      await signUp(alicePage, alice);
      await requireEndpoint(t, alicePage, "GET", "/api/notifications/unread");
      const post = await compose(alicePage, "Hello, notify me");
      assert.equal(await alicePage.getByTestId("notification-badge").count(), 0, "badge shown before anything happened");

      const bobPage = await t.newPage();
      await signUp(bobPage, uniqueName("bob"));
      await compose(bobPage, `Hi @${alice}, welcome!`);

      // Alice's badge appears without reloading.
      const badge = alicePage.getByTestId("notification-badge");
      await badge.waitFor({ timeout: 15_000 });
      assert.equal(await badge.getAttribute("data-count"), "1");
      await t.screenshot(alicePage, "badge-mention");

      // Viewing the notifications marks them read.
      await alicePage.getByTestId("nav-notifications").click();
      await alicePage.waitForURL((url) => url.pathname === "/notifications");
      await alicePage.locator('[data-testid="notification"][data-type="mention"]').waitFor();
      await badge.waitFor({ state: "detached" });
      await t.screenshot(alicePage, "notifications");

      // Back on Home, Bob reacts: the badge comes back, live.
      await alicePage.getByTestId("nav-home").click();
      await alicePage.waitForURL((url) => url.pathname === "/");
      const reacted = await api(bobPage, "POST", `/api/posts/${post.id}/reactions`, { emoji: "🎉" });
      assert.ok(reacted.ok(), `reaction answered ${reacted.status()}: ${await reacted.text()}`);
      await badge.waitFor({ timeout: 15_000 });
      assert.equal(await badge.getAttribute("data-count"), "1");
      await alicePage.getByTestId("nav-notifications").click();
      await alicePage.locator('[data-testid="notification"][data-type="reaction"]').waitFor();
      await alicePage.getByTestId("lang-switch").first().selectOption("ja");
      await t.screenshot(alicePage, "notifications-ja");
      const phone = await t.newPage({ ...PHONE, locale: "ja-JP" });
      await phone.context().addCookies(await alicePage.context().cookies());
      await phone.goto("/notifications");
      await phone.locator('[data-testid="notification"]').first().waitFor();
      await t.screenshot(phone, "notifications-ja-phone");
    },
  },
  {
    name: "boost, quote, edit with history, bookmark, pin, hashtag and search",
    async fn(t) {
      const alicePage = await t.newPage();
      const alice = uniqueName("writer");
      await signUp(alicePage, alice);
      const tag = `tag${randomBytes(3).toString("hex")}`;
      const post = await compose(alicePage, `First draft about #${tag} with **bold**`);
      const mine = card(alicePage, post.id);
      await mine.locator("strong").filter({ hasText: "bold" }).waitFor();

      // Edit inline; the card gets an "edited" marker and a history.
      await mine.getByTestId("post-menu").click();
      await mine.getByTestId("edit-button").click();
      await mine.getByTestId("edit-text").fill(`Second draft about #${tag}`);
      await mine.getByTestId("edit-save").click();
      await mine.getByTestId("edited-marker").waitFor();
      assert.equal((await mine.getByTestId("post-text").innerText()).trim(), `Second draft about #${tag}`);
      await mine.getByTestId("post-menu").click();
      await mine.getByTestId("history-button").click();
      const history = alicePage.getByTestId("history-dialog");
      await history.getByText("First draft about").waitFor();
      await t.screenshot(alicePage, "history");
      await alicePage.keyboard.press("Escape");
      await history.waitFor({ state: "detached" });

      // Pin it: shown at the top of the profile with a marker.
      await mine.getByTestId("post-menu").click();
      await mine.getByTestId("pin-button").click();
      await alicePage.goto(`/@${alice}`);
      await alicePage.getByTestId("pinned-posts").getByTestId("pinned-marker").waitFor();

      // Bob boosts, quotes and bookmarks it.
      const bobPage = await t.newPage();
      const bob = uniqueName("reader");
      await signUp(bobPage, bob);
      await bobPage.goto(`/posts/${post.id}`);
      const target = card(bobPage, post.id);
      await target.getByTestId("boost-button").click();
      await eventually(async () => (await target.getByTestId("boost-button").getAttribute("aria-pressed")) === "true");
      await target.getByTestId("post-menu").click();
      await target.getByTestId("bookmark-button").click();
      await target.getByTestId("post-menu").click();
      await eventually(async () => (await target.getByTestId("bookmark-button").innerText()).includes("Remove"));
      await bobPage.keyboard.press("Escape");
      await target.getByTestId("bookmark-button").waitFor({ state: "detached" });
      await target.getByTestId("quote-button").click();
      const quoteComposer = target.getByTestId("composer");
      await quoteComposer.getByTestId("quote-card").waitFor();
      await quoteComposer.getByTestId("composer-text").fill("Worth reading");
      const quoted = await submitComposer(bobPage);
      assert.equal(quoted.quoteId, post.id);

      // Bob's profile: the boost ("… boosted" + original) and the quote card.
      await bobPage.goto(`/@${bob}`);
      await bobPage.locator('[data-testid="post"][data-boost="true"]').getByTestId("boosted-by").waitFor();
      await card(bobPage, quoted.id).getByTestId("quote-card").waitFor();
      await t.screenshot(bobPage, "boost-and-quote");

      // Bookmarks page.
      await bobPage.getByTestId("nav-bookmarks").click();
      await card(bobPage, post.id).waitFor();

      // The hashtag link leads to the tag timeline.
      await card(bobPage, post.id).getByTestId("hashtag-link").click();
      await bobPage.waitForURL((url) => url.pathname === `/tags/${tag}`);
      await card(bobPage, post.id).waitFor();

      // Search: posts, then the hashtags tab.
      await bobPage.getByTestId("nav-search").click();
      await bobPage.waitForURL((url) => url.pathname === "/search");
      // Typing again if the page (re)mounted under the first keystrokes and cleared the field.
      await eventually(
        async () => {
          const input = bobPage.getByTestId("search-input");
          if ((await input.inputValue()) !== "draft") {
            await input.fill("draft");
            await input.press("Enter");
          }
          return (await card(bobPage, post.id).count()) > 0;
        },
        { timeout: 15_000, interval: 1000 },
      );
      await bobPage.getByTestId("search-tab-hashtags").click();
      await eventually(async () => {
        const input = bobPage.getByTestId("search-input");
        await input.fill(tag);
        await input.press("Enter");
        return bobPage.getByTestId("search-results").getByTestId("hashtag-link").first().isVisible();
      });
      await t.screenshot(bobPage, "search");
    },
  },
];
