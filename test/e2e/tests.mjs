// The browser tests run by run.mjs. Each test gets `t`: t.newPage(options) opens a page
// in a fresh browser context (its own cookies and storage), t.screenshot(page, name)
// saves a PNG to test-results/screenshots/, t.skip(reason) skips.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { ADMIN, eventually, fillAuthForm, logIn, PASSWORD, signUp, uniqueName } from "./helpers.mjs";
import { moderationTests } from "./tests-moderation.mjs";
import { policyTests } from "./tests-policies.mjs";
import { postTests } from "./tests-posts.mjs";
import { remoteTests } from "./tests-remote.mjs";

function path(page) {
  return new URL(page.url()).pathname;
}

/** Posts through the composer; returns the new post's id (from the API response). */
async function compose(page, text, { visibility, cw } = {}) {
  const composer = page.getByTestId("composer").first();
  await composer.getByTestId("composer-text").fill(text);
  if (visibility) await composer.getByTestId("composer-visibility").selectOption(visibility);
  if (cw) {
    await composer.getByTestId("composer-cw-toggle").check();
    await composer.getByTestId("composer-cw").fill(cw);
  }
  const response = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/posts" && r.request().method() === "POST");
  await composer.getByTestId("composer-submit").click();
  const res = await response;
  assert.ok(res.ok(), `POST /api/posts answered ${res.status()}: ${await res.text()}`);
  const body = await res.json();
  const id = body?.post?.id;
  assert.ok(id, `no post id in ${JSON.stringify(body)}`);
  // The composer empties itself after a successful post.
  await eventually(async () => (await composer.getByTestId("composer-text").inputValue()) === "");
  return id;
}

/** The post card with this id inside the page's timeline. */
function postCard(page, id) {
  return page.getByTestId("timeline").first().locator(`[data-testid="post"][data-post-id="${id}"]`);
}

/** Waits for the post to appear in the timeline (reloading if needed) and checks its text. */
async function expectPostInTimeline(page, id, text, { reload = true, timeout = 15_000 } = {}) {
  const card = postCard(page, id);
  await eventually(
    async () => {
      if (await card.isVisible()) return true;
      if (reload) {
        await page.reload();
        await page.getByTestId("timeline").first().waitFor({ state: "attached" });
        await card.waitFor({ timeout: 2000 }).catch(() => {});
        return card.isVisible();
      }
      return false;
    },
    { timeout, interval: 500 },
  );
  assert.equal((await card.getByTestId("post-text").innerText()).trim(), text);
  return card;
}

async function gotoLocal(page) {
  await page.getByTestId("nav-local").click();
  await page.waitForURL((url) => url.pathname === "/local");
  await page.getByTestId("timeline").first().waitFor({ state: "attached" });
}

async function gotoHome(page) {
  await page.getByTestId("nav-home").click();
  await page.waitForURL((url) => url.pathname === "/");
  await page.getByTestId("timeline").first().waitFor({ state: "attached" });
}

/** Horizontal overflow of the document, in CSS pixels (0 when nothing sticks out). */
function horizontalOverflow(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const width = doc.clientWidth;
    const over = Math.max(doc.scrollWidth, document.body.scrollWidth) - width;
    // Name the widest offenders to make a failure actionable.
    const culprits = [];
    if (over > 0) {
      for (const el of document.querySelectorAll("body *")) {
        const r = el.getBoundingClientRect();
        if (r.right > width + 1 && r.width > 0) {
          const id = el.getAttribute("data-testid");
          culprits.push(
            `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.split(" ").join(".")}` : ""}${id ? `[data-testid=${id}]` : ""} right=${Math.round(r.right)}`,
          );
          if (culprits.length >= 5) break;
        }
      }
    }
    return { over, width, culprits };
  });
}

export const tests = [
  {
    name: "sign up, post, see it in Local, log out, log in, post still there",
    async fn(t) {
      const page = await t.newPage();
      const username = uniqueName("alice");
      const text = `Hello from the e2e test ${randomBytes(4).toString("hex")}`;

      await signUp(page, username);
      await page.getByTestId("logout").waitFor();
      await t.screenshot(page, "signed-up");

      const id = await compose(page, text);
      // The new post shows up at once in Home (the composer's own timeline).
      await expectPostInTimeline(page, id, text, { reload: false });
      await t.screenshot(page, "posted-home");

      await gotoLocal(page);
      await expectPostInTimeline(page, id, text);
      await t.screenshot(page, "local");

      // The permalink page shows it too.
      await page.goto(`/posts/${id}`);
      await page.locator(`[data-testid="post"][data-post-id="${id}"]`).first().waitFor();

      await page.getByTestId("logout").click();
      await page.getByTestId("logout").waitFor({ state: "detached" });
      await page.getByTestId("composer").waitFor({ state: "detached" });
      assert.equal(await page.getByTestId("nav-profile").count(), 0, "profile link still shown after logout");
      // Logged out for real: the session cookie no longer authenticates.
      const me = await page.request.get("/api/me");
      assert.equal(me.status(), 401, `GET /api/me after logout answered ${me.status()}`);
      await t.screenshot(page, "logged-out");

      await logIn(page, username);
      await expectPostInTimeline(page, id, text);
      await gotoLocal(page);
      await expectPostInTimeline(page, id, text);
      await t.screenshot(page, "logged-in-again");
    },
  },
  {
    name: "switching the language to Japanese changes the UI and <html lang>",
    async fn(t) {
      const page = await t.newPage();
      await page.goto("/local");
      await page.getByTestId("timeline").first().waitFor({ state: "attached" });
      assert.equal(await page.locator("html").getAttribute("lang"), "en");
      assert.equal((await page.getByTestId("nav-local").innerText()).trim(), "Local");

      await page.getByTestId("lang-switch").first().selectOption("ja");
      await eventually(async () => (await page.locator("html").getAttribute("lang")) === "ja");
      await eventually(async () => (await page.getByTestId("nav-local").innerText()).trim() === "ローカル");
      assert.equal((await page.getByTestId("nav-home").innerText()).trim(), "ホーム");
      await t.screenshot(page, "japanese");

      // The choice survives a reload.
      await page.reload();
      await page.getByTestId("nav-local").waitFor();
      assert.equal(await page.locator("html").getAttribute("lang"), "ja");
      assert.equal((await page.getByTestId("nav-local").innerText()).trim(), "ローカル");

      // And it switches back.
      await page.getByTestId("lang-switch").first().selectOption("en");
      await eventually(async () => (await page.locator("html").getAttribute("lang")) === "en");
      assert.equal((await page.getByTestId("nav-local").innerText()).trim(), "Local");

      // A browser that prefers Japanese gets Japanese from the start.
      const jaPage = await t.newPage({ locale: "ja-JP" });
      await jaPage.goto("/login");
      await jaPage.getByTestId("login-form").waitFor();
      assert.equal(await jaPage.locator("html").getAttribute("lang"), "ja");
      assert.equal((await jaPage.getByTestId("nav-local").innerText()).trim(), "ローカル");
    },
  },
  {
    name: "API errors are shown readably (taken username, wrong password)",
    async fn(t) {
      const first = await t.newPage();
      const username = uniqueName("taken");
      await signUp(first, username);

      const page = await t.newPage();
      await page.goto("/signup");
      await fillAuthForm(page, "signup-form", username, PASSWORD);
      const error = page.getByTestId("error").first();
      await error.waitFor();
      const message = (await error.innerText()).trim();
      assert.equal(message, "That username is already taken.");
      assert.equal(path(page), "/signup", "stayed on the sign-up page");
      assert.equal(await page.getByTestId("logout").count(), 0, "not signed in");
      await t.screenshot(page, "username-taken");

      // The same error in Japanese.
      await page.getByTestId("lang-switch").first().selectOption("ja");
      await page.getByTestId("signup-form").getByTestId("submit").click();
      await eventually(async () => (await error.innerText()).trim() === "このユーザー名はすでに使われています。");

      await page.getByTestId("lang-switch").first().selectOption("en");
      await page.goto("/login");
      await fillAuthForm(page, "login-form", username, "wrong password here");
      const loginError = page.getByTestId("login-form").getByTestId("error");
      await loginError.waitFor();
      assert.equal((await loginError.innerText()).trim(), "Wrong username or password.");
      await t.screenshot(page, "wrong-password");
    },
  },
  {
    name: "another user sees a public post in Local, follows the author, sees it in Home",
    async fn(t) {
      const alicePage = await t.newPage();
      const alice = uniqueName("author");
      await signUp(alicePage, alice);
      const text = `Public post by ${alice}`;
      const id = await compose(alicePage, text, { visibility: "public" });

      const bobPage = await t.newPage();
      const bob = uniqueName("reader");
      await signUp(bobPage, bob);
      // Not followed yet: Bob's Home does not have it.
      assert.equal(await postCard(bobPage, id).count(), 0, "post in Home before following");

      await gotoLocal(bobPage);
      const card = await expectPostInTimeline(bobPage, id, text);
      await t.screenshot(bobPage, "local-before-follow");

      // To the author's profile from the post card.
      await card.locator(`a[href="/@${alice}"]`).last().click();
      await bobPage.waitForURL((url) => url.pathname === `/@${alice}`);
      const follow = bobPage.getByTestId("follow-button");
      await follow.waitFor();
      assert.equal((await follow.innerText()).trim(), "Follow");
      await follow.click();
      await eventually(async () => (await follow.innerText()).trim() === "Unfollow");
      await t.screenshot(bobPage, "profile-followed");
      // The follow is stored server-side, not just in the page.
      await bobPage.reload();
      await eventually(async () => (await bobPage.getByTestId("follow-button").innerText()).trim() === "Unfollow");

      await gotoHome(bobPage);
      await expectPostInTimeline(bobPage, id, text, { timeout: 20_000 });
      await t.screenshot(bobPage, "home-after-follow");

      // The author's own profile has no follow button.
      await alicePage.getByTestId("nav-profile").click();
      await alicePage.waitForURL((url) => url.pathname === `/@${alice}`);
      await postCard(alicePage, id).waitFor();
      assert.equal(await alicePage.getByTestId("follow-button").count(), 0, "follow button on own profile");
    },
  },
  {
    name: "a content warning hides the text until expanded",
    async fn(t) {
      const page = await t.newPage();
      await signUp(page, uniqueName("cw"));
      const text = `Spoiler text ${randomBytes(4).toString("hex")}`;
      const id = await compose(page, text, { cw: "Spoilers ahead" });
      await gotoLocal(page);
      const card = postCard(page, id);
      await card.waitFor();
      await card.getByText("Spoilers ahead").waitFor();
      assert.equal(await card.getByTestId("post-text").isVisible(), false, "text visible behind the warning");
      await card.getByRole("button", { name: "Show more" }).click();
      await card.getByTestId("post-text").waitFor();
      assert.equal((await card.getByTestId("post-text").innerText()).trim(), text);
      await t.screenshot(page, "cw-expanded");
    },
  },
  {
    name: "no horizontal scrolling on a 390 px phone screen",
    async fn(t) {
      const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
      const page = await t.newPage(phone);
      const problems = [];
      async function check(label) {
        await page.waitForLoadState("networkidle").catch(() => {});
        const { over, culprits } = await horizontalOverflow(page);
        if (over > 0) problems.push(`${label}: ${over}px wider than the screen (${culprits.join(", ")})`);
        await t.screenshot(page, label);
      }

      await page.goto("/");
      await page.getByTestId("timeline").first().waitFor({ state: "attached" });
      await check("home-signed-out");
      await page.goto("/signup");
      await page.getByTestId("signup-form").waitFor();
      await check("signup");

      const username = uniqueName("phone_user_with_long_name").slice(0, 30);
      await signUp(page, username);
      // Long unbreakable content must wrap, not widen the page.
      const long = `${"https://example.com/a/very/long/path/".repeat(4)} ${"x".repeat(120)} 長い日本語の文章も折り返されるべきです。`;
      const id = await compose(page, long, { cw: "A warning that is fairly long to see how it wraps on phones" });
      await postCard(page, id).waitFor();
      await postCard(page, id).getByRole("button", { name: "Show more" }).click();
      await check("home-signed-in");
      await page.getByTestId("nav-local").click();
      await page.waitForURL((url) => url.pathname === "/local");
      await postCard(page, id).waitFor();
      await check("local");
      await page.goto(`/@${username}`);
      await postCard(page, id).waitFor();
      await check("profile");
      await page.goto(`/posts/${id}`);
      await page.locator(`[data-testid="post"][data-post-id="${id}"]`).first().waitFor();
      await check("post");
      await page.goto("/settings");
      await page.getByTestId("nav-settings").waitFor();
      await check("settings");
      await page.getByTestId("lang-switch").first().selectOption("ja");
      await page.goto("/local");
      await postCard(page, id).waitFor();
      await check("local-ja");

      // Every navigation target stays reachable on a phone.
      for (const id of ["nav-home", "nav-local", "nav-profile", "nav-settings"]) {
        assert.ok(await page.getByTestId(id).isVisible(), `${id} not visible on a phone`);
      }
      assert.deepEqual(problems, []);
    },
  },
  {
    name: "two members see each other's community posts live, without reloading",
    async fn(t) {
      const pa = await t.newPage();
      const pb = await t.newPage();
      const alice = uniqueName("alice");
      const bob = uniqueName("bob");
      await signUp(pa, alice);
      await signUp(pb, bob);

      const name = uniqueName("tea");
      await pa.getByTestId("nav-communities").first().click();
      await pa.goto("/communities/new");
      const form = pa.getByTestId("community-create-form");
      await form.getByTestId("community-name").fill(name);
      await form.getByTestId("community-title").fill("Tea lovers");
      await form.getByTestId("community-join-policy").selectOption("open");
      await form.getByTestId("community-visibility").selectOption("public");
      await form.getByTestId("submit").click();
      await pa.waitForURL((url) => url.pathname === `/c/${name}`);
      await pa.locator(`[data-testid=community-link][data-community-name="${name}"]`).waitFor();

      await pb.goto(`/c/${name}`);
      await pb.getByTestId("join-button").click();
      await pb.getByTestId("leave-button").waitFor();
      await pb.locator(`[data-testid=community-link][data-community-name="${name}"]`).waitFor();
      await pa.locator("[data-testid=live-status][data-state=live]").waitFor();
      await pb.locator("[data-testid=live-status][data-state=live]").waitFor();

      // alice -> bob, then bob -> alice, each arriving over the WebSocket (no reload).
      await pa.getByTestId("composer-text").fill("hello from alice");
      await pa.getByTestId("composer-submit").click();
      await pb.getByTestId("post-text").filter({ hasText: "hello from alice" }).waitFor({ timeout: 10_000 });
      await pb.getByTestId("composer-text").fill("hi alice, bob here");
      await pb.getByTestId("composer-submit").click();
      await pa.getByTestId("post-text").filter({ hasText: "hi alice, bob here" }).waitFor({ timeout: 10_000 });
      // Each post shows once on its author's page too (the live echo is de-duplicated).
      assert.equal(await pa.getByTestId("post-text").filter({ hasText: "hello from alice" }).count(), 1);
      await t.screenshot(pa, "alice-live");
      await t.screenshot(pb, "bob-live");
    },
  },
  {
    name: "a busy community switches to highlights and one click shows everything",
    async fn(t) {
      const owner = await t.newPage();
      const reader = await t.newPage();
      const ownerName = uniqueName("host");
      await signUp(owner, ownerName);
      await signUp(reader, uniqueName("reader"));
      const origin = new URL(owner.url()).origin;
      const api = (page, method, path, data) => page.context().request.fetch(path, { method, data, headers: { Origin: origin } });
      const name = uniqueName("busy");
      const created = await api(owner, "POST", "/api/communities", { name, title: "Busy room" });
      assert.equal(created.status(), 201);
      const { community } = await created.json();
      await reader.goto(`/c/${name}`);
      await reader.getByTestId("join-button").click();
      await reader.locator("[data-testid=live-status][data-state=live]").waitFor();

      // Four posters, eight posts each, within the per-user burst: far above 20 posts a minute.
      const posters = [];
      for (let i = 0; i < 4; i++) {
        const p = await t.newPage();
        await signUp(p, uniqueName(`bot${i}`));
        assert.equal((await api(p, "POST", `/api/communities/${community.id}/join`, {})).status(), 200);
        posters.push(p);
      }
      await Promise.all(
        posters.map(async (p, i) => {
          for (let n = 0; n < 8; n++) {
            const r = await api(p, "POST", "/api/posts", { text: `busy ${i}-${n}`, communityId: community.id });
            assert.equal(r.status(), 201, await r.text());
          }
        }),
      );
      await reader.getByTestId("highlights-banner").waitFor({ timeout: 15_000 });
      await t.screenshot(reader, "highlights");
      const shown = await reader.getByTestId("post").count();
      assert.ok(shown < 32, `highlights should thin 32 posts, showed ${shown}`);
      await reader.getByTestId("show-all").click();
      await reader.getByTestId("highlights-banner").waitFor({ state: "detached" });
      await eventually(async () => (await reader.getByTestId("post").count()) >= 20);
      await t.screenshot(reader, "everything");
    },
  },
  ...postTests,
  ...moderationTests,
  ...policyTests,
  {
    name: "the admin changes server settings; other users can't open the admin area",
    async fn(t) {
      const page = await t.newPage();
      await logIn(page, ADMIN);
      await page.getByTestId("nav-admin").click();
      await page.waitForURL((url) => url.pathname === "/admin");
      const form = page.getByTestId("admin-settings");
      await form.getByTestId("admin-signup-mode").selectOption("approval");
      await form.getByTestId("admin-prohibited-words").fill("spamword\n  \nscamword");
      await form.getByTestId("admin-settings-save").click();
      await form.getByRole("status").filter({ hasText: "Saved" }).waitFor();
      await page.reload();
      assert.equal(await page.getByTestId("admin-signup-mode").inputValue(), "approval");
      assert.equal(await page.getByTestId("admin-prohibited-words").inputValue(), "spamword\nscamword");
      await t.screenshot(page, "admin-settings");
      // Put it back so other tests can sign up.
      await page.getByTestId("admin-signup-mode").selectOption("open");
      await page.getByTestId("admin-prohibited-words").fill("");
      await page.getByTestId("admin-settings-save").click();
      await page.getByTestId("admin-settings").getByRole("status").filter({ hasText: "Saved" }).waitFor();

      const other = await t.newPage();
      await signUp(other, uniqueName("plain"));
      assert.equal(await other.getByTestId("nav-admin").count(), 0);
      await other.goto("/admin");
      await other.getByTestId("admin-forbidden").waitFor();
    },
  },
  {
    name: "the admin requests a friend server, pauses and resumes it, sees it on the friend map, subscribes to a relay and removes both",
    async fn(t) {
      const page = await t.newPage();
      await logIn(page, ADMIN);
      await page.goto("/admin/friends");
      const section = page.getByTestId("admin-friends");
      await section.waitFor();
      // Nothing listens there: the request stays pending (deliveries retry in the background).
      const domain = "127.0.0.1:9";
      await section.getByTestId("friend-url").fill(`http://${domain}`);
      await section.getByTestId("friend-request").click();
      const item = section.locator(`[data-testid="friend-item"][data-domain="${domain}"]`);
      await item.waitFor();
      assert.equal(await item.getAttribute("data-state"), "pending");
      assert.match(await item.getByTestId("friend-health").innerText(), /Last successful delivery: never/);
      await item.getByTestId("friend-pause").click();
      await item.getByTestId("friend-paused").waitFor();
      await item.getByTestId("friend-flag-sendAll").check();
      await eventually(
        async () =>
          (await item.getByTestId("friend-flag-sendAll").isChecked()) &&
          !(await item.getByTestId("friend-flag-sendAll").isDisabled()),
      );
      await t.screenshot(page, "admin-friends");
      await page.reload();
      const reloaded = page.locator(`[data-testid="friend-item"][data-domain="${domain}"]`);
      await reloaded.getByTestId("friend-paused").waitFor();
      assert.ok(await reloaded.getByTestId("friend-flag-sendAll").isChecked());
      await reloaded.getByTestId("friend-resume").click();
      await reloaded.getByTestId("friend-pause").waitFor();

      await page.getByTestId("admin-tab-friend-map").click();
      await page.getByTestId("friend-map-svg").waitFor();
      await page.locator(`[data-testid="friend-map-node"][data-domain="${domain}"]`).waitFor();
      assert.equal(await page.locator('[data-testid="friend-map-edge"]').count(), 1);
      await t.screenshot(page, "friend-map");

      await page.getByTestId("admin-tab-relays").click();
      const relays = page.getByTestId("admin-relays");
      await relays.getByTestId("relay-url").fill("http://127.0.0.1:9/inbox");
      await relays.getByTestId("relay-subscribe").click();
      await relays.getByTestId("relay-item").waitFor();
      await relays.getByTestId("relay-unsubscribe").click();
      await relays.getByText("No relays yet.").waitFor();

      await page.getByTestId("admin-tab-friends").click();
      page.once("dialog", (d) => d.accept());
      await page.locator(`[data-testid="friend-item"][data-domain="${domain}"]`).getByTestId("friend-remove").click();
      await page.getByTestId("admin-friends").getByText("No friend servers yet.").waitFor();
    },
  },
  {
    name: "with local-public forbidden, the composer says local-public posts go out as unlisted",
    async fn(t) {
      const page = await t.newPage();
      await logIn(page, ADMIN);
      await page.goto("/admin/settings");
      const form = page.getByTestId("admin-settings");
      await form.getByTestId("admin-forbid-local-public").check();
      await form.getByTestId("admin-settings-save").click();
      await form.getByRole("status").filter({ hasText: "Saved" }).waitFor();
      try {
        await page.goto("/");
        const composer = page.getByTestId("composer").first();
        await composer.getByTestId("composer-visibility").selectOption("local_public");
        await composer.getByTestId("composer-local-public-off").waitFor();
        await t.screenshot(page, "composer-local-public-off");
      } finally {
        await page.goto("/admin/settings");
        await page.getByTestId("admin-forbid-local-public").uncheck();
        await page.getByTestId("admin-settings-save").click();
        await page.getByTestId("admin-settings").getByRole("status").filter({ hasText: "Saved" }).waitFor();
      }
    },
  },
  ...remoteTests,
];
