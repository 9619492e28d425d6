// Browser tests for ingest policies, domain blocks and a person's mutes and blocks.
import assert from "node:assert/strict";
import { ADMIN, eventually, logIn, signUp, uniqueName } from "./helpers.mjs";

async function composeExpecting(page, text) {
  const composer = page.getByTestId("composer").first();
  await composer.getByTestId("composer-text").fill(text);
  const response = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/posts" && r.request().method() === "POST");
  await composer.getByTestId("composer-submit").click();
  return response;
}

async function setProhibited(page, words) {
  await page.goto("/admin/settings");
  const form = page.getByTestId("admin-settings");
  await form.getByTestId("admin-prohibited-words").fill(words);
  await form.getByTestId("admin-settings-save").click();
  await form.getByRole("status").filter({ hasText: "Saved" }).waitFor();
}

export const policyTests = [
  {
    name: "an admin adds a prohibited word; the composer shows the refusal; a domain block is listed",
    async fn(t) {
      const admin = await t.newPage();
      await logIn(admin, ADMIN);
      const word = `forbidden${uniqueName("w").slice(2)}`;
      await setProhibited(admin, word);

      const page = await t.newPage();
      await signUp(page, uniqueName("writer"));
      const res = await composeExpecting(page, `this has ${word.toUpperCase()} in it`);
      assert.equal(res.status(), 422);
      const error = page.getByTestId("composer").first().getByTestId("error");
      await error.waitFor();
      assert.match(await error.innerText(), /isn't allowed on this server/);
      await t.screenshot(page, "composer-content-rejected");

      // Domain blocks tab.
      await admin.goto("/admin/domain-blocks");
      await admin.getByTestId("domain-block-domain").fill("spam.example");
      await admin.getByTestId("domain-block-severity").selectOption("suspend");
      await admin.getByTestId("domain-block-save").click();
      await admin.getByTestId("domain-block-spam.example").waitFor();
      await admin.goto("/admin/policy-stats");
      const hits = admin.getByTestId("policy-hit-prohibited_word");
      await hits.waitFor();
      assert.match(await hits.innerText(), /\b1\b/);
      await t.screenshot(admin, "admin-policy-stats");
      await setProhibited(admin, "");
    },
  },
  {
    name: "a user mutes another from the post menu and blocks from the profile: their posts disappear",
    async fn(t) {
      const authorPage = await t.newPage();
      const author = uniqueName("noisy");
      await signUp(authorPage, author);
      const composer = authorPage.getByTestId("composer").first();
      await composer.getByTestId("composer-text").fill(`loud post by ${author}`);
      const posted = authorPage.waitForResponse(
        (r) => new URL(r.url()).pathname === "/api/posts" && r.request().method() === "POST",
      );
      await composer.getByTestId("composer-submit").click();
      const id = (await (await posted).json()).post.id;

      const page = await t.newPage();
      await signUp(page, uniqueName("reader"));
      await page.goto("/local");
      const card = page.locator(`[data-testid="post"][data-post-id="${id}"]`);
      await eventually(async () => {
        if (await card.isVisible()) return true;
        await page.reload();
        await card.waitFor({ timeout: 2000 }).catch(() => {});
        return card.isVisible();
      });
      await card.getByTestId("post-menu").click();
      await card.getByTestId("mute-author-button").click();
      await card.waitFor({ state: "detached" });
      await page.reload();
      await page.getByTestId("timeline").first().waitFor({ state: "attached" });
      assert.equal(await card.count(), 0, "muted author's post after reload");

      // On the profile: unmute, then block (confirming).
      await page.goto(`/@${author}`);
      await page.getByTestId("unmute-button").click();
      page.once("dialog", (d) => d.accept());
      await page.getByTestId("block-button").click();
      await page.getByTestId("unblock-button").waitFor();
      // Nothing to follow across a block.
      await page.getByTestId("follow-button").waitFor({ state: "detached" });
      await t.screenshot(page, "profile-blocked");
      await page.goto("/local");
      await page.getByTestId("timeline").first().waitFor({ state: "attached" });
      assert.equal(await card.count(), 0, "blocked author's post in Local");
      // The blocked author doesn't see the reader's posts either, and the settings list the block.
      await page.goto("/settings");
      await page.getByTestId("settings-blocks").getByText(`@${author}`).waitFor();
    },
  },
];
