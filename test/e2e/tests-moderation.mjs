// Browser tests for moderation: reporting from the post menu and handling the report in
// the admin area. Included in the list exported by tests.mjs.
import assert from "node:assert/strict";
import { ADMIN, eventually, logIn, signUp, uniqueName } from "./helpers.mjs";

async function compose(page, text) {
  const composer = page.getByTestId("composer").first();
  await composer.getByTestId("composer-text").fill(text);
  const response = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/posts" && r.request().method() === "POST");
  await composer.getByTestId("composer-submit").click();
  const res = await response;
  assert.ok(res.ok(), `POST /api/posts answered ${res.status()}`);
  return (await res.json()).post;
}

export const moderationTests = [
  {
    name: "moderation: a user reports a post; the admin resolves it from the queue by deleting the post",
    async fn(t) {
      const spammer = await t.newPage();
      await signUp(spammer, uniqueName("spammer"));
      const text = `cheap pills ${uniqueName("x")}`;
      const post = await compose(spammer, text);

      const reporter = await t.newPage();
      await signUp(reporter, uniqueName("reporter"));
      await reporter.goto(`/posts/${post.id}`);
      const card = reporter.locator(`[data-testid="post"][data-post-id="${post.id}"]`).first();
      await card.getByTestId("post-menu").click();
      await reporter.getByTestId("report-button").click();
      const dialog = reporter.getByTestId("report-dialog");
      await dialog.getByTestId("report-category-spam").check();
      await dialog.getByTestId("report-comment").fill("selling pills");
      await dialog.getByTestId("report-submit").click();
      await dialog.getByTestId("report-done").waitFor();
      await t.screenshot(reporter, "report-dialog");

      const admin = await t.newPage();
      await logIn(admin, ADMIN);
      await admin.getByTestId("nav-admin").click();
      await admin.getByTestId("admin-tab-reports").click();
      const report = admin.getByTestId("report").filter({ hasText: text });
      await report.waitFor();
      assert.match(await report.getByTestId("report-comment-text").innerText(), /selling pills/);
      await report.getByTestId("report-action").selectOption("delete_post");
      await report.getByTestId("report-note").fill("spam");
      await t.screenshot(admin, "admin-reports");
      await report.getByTestId("report-resolve").click();
      await eventually(async () => (await admin.getByTestId("report").filter({ hasText: text }).count()) === 0);

      // The post is gone for everyone, and the action is in the audit log.
      const res = await reporter.request.get(`/api/posts/${post.id}`);
      assert.equal(res.status(), 404);
      await admin.getByTestId("admin-tab-audit-log").click();
      await admin.locator('[data-testid="audit-entry"][data-action="delete_post"]').first().waitFor();
      await admin.getByTestId("admin-tab-dashboard").click();
      await admin.getByTestId("stat-users").waitFor();
      await t.screenshot(admin, "admin-dashboard");
    },
  },
];
