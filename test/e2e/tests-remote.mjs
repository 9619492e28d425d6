// Browser tests for remote posts: a fake ActivityPub peer (fake-peer.mjs) sends a signed
// Create whose HTML carries markup that must be dropped, a custom emoji and a sensitive
// image attachment; the home timeline must show the sanitised HTML, the emoji and the
// image through our media proxy (blurred until clicked), and boosting it must work.
import assert from "node:assert/strict";
import { startFakePeer } from "./fake-peer.mjs";
import { eventually, signUp, uniqueName } from "./helpers.mjs";
import { makePng } from "./tests-posts.mjs";

function api(page, method, path, data) {
  const origin = new URL(page.url()).origin;
  return page.context().request.fetch(path, { method, data, headers: { Origin: origin } });
}

const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

export const remoteTests = [
  {
    name: "a remote post shows its sanitised HTML, custom emoji and a proxied, blurred attachment; it can be boosted",
    async fn(t) {
      const peer = await startFakePeer(makePng(320, 240, [30, 160, 60]));
      try {
        const page = await t.newPage();
        const name = uniqueName("rm");
        await signUp(page, name);
        const origin = new URL(page.url()).origin;
        const logs = [];
        page.on("console", (m) => logs.push(m.text()));

        // Follow the peer by its actor URL; it accepts.
        const follow = await api(page, "POST", "/api/follows", { target: peer.actor });
        assert.ok(follow.ok(), `follow answered ${follow.status()}: ${await follow.text()}`);
        const sent = await eventually(() => peer.received.find((a) => a.type === "Follow"), { timeout: 20_000 });
        await peer.send(`${origin}/inbox`, { id: `${peer.actor}#accepts/1`, type: "Accept", actor: peer.actor, object: sent.id });

        const noteId = `${peer.actor}/statuses/1`;
        const marker = uniqueName("note");
        await peer.send(`${origin}/inbox`, {
          id: `${noteId}/activity`,
          type: "Create",
          actor: peer.actor,
          to: [PUBLIC],
          object: {
            id: noteId,
            type: "Note",
            attributedTo: peer.actor,
            url: `${peer.origin}/@peer/1`,
            to: [PUBLIC],
            cc: [`${peer.actor}/followers`],
            published: new Date().toISOString(),
            sensitive: true,
            content:
              `<p>${marker} <strong>strong</strong> :blob: <a href="https://example.com/x">a link</a></p>` +
              `<p><script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">` +
              `<a href="javascript:window.__pwned = 3">bad link</a><span style="position:fixed">styled</span></p>`,
            attachment: [
              {
                type: "Document",
                mediaType: "image/png",
                url: `${peer.origin}/media/cat.png`,
                name: "a green square",
                width: 320,
                height: 240,
                blurhash: "LEHV6nWB2yk8pyo0adR*.7kCMdnj",
              },
            ],
            tag: [
              {
                type: "Emoji",
                name: ":blob:",
                icon: { type: "Image", mediaType: "image/png", url: `${peer.origin}/media/cat.png` },
              },
            ],
          },
        });

        const card = page.locator('[data-testid="post"]', { hasText: marker }).first();
        await eventually(
          async () => {
            await page.goto("/");
            return card.waitFor({ timeout: 4000 }).then(
              () => true,
              () => false,
            );
          },
          { timeout: 20_000 },
        ).catch(async (e) => {
          const home = await (await api(page, "GET", "/api/timelines/home")).text();
          const fed = await (await api(page, "GET", "/api/timelines/federated")).text();
          const acct = (await page.locator("main").innerText()).slice(0, 600) + JSON.stringify(logs);
          throw new Error(
            `remote post not shown: home ${home.slice(0, 800)} federated ${fed.slice(0, 800)} account ${acct.slice(0, 400)}; peer got ${JSON.stringify(peer.received).slice(0, 600)}`,
            { cause: e },
          );
        });
        const html = card.getByTestId("post-html");
        assert.equal(await html.locator("strong").textContent(), "strong");
        assert.equal(await html.locator("script, [onerror], [style]").count(), 0);
        const link = html.getByRole("link", { name: "a link" });
        assert.equal(await link.getAttribute("rel"), "nofollow noopener noreferrer");
        assert.equal(await link.getAttribute("target"), "_blank");
        assert.equal(await html.getByText("bad link").evaluate((el) => el.tagName), "SPAN");
        const emoji = html.locator("img.custom-emoji");
        assert.equal(await emoji.getAttribute("alt"), ":blob:");
        assert.match((await emoji.getAttribute("src")) ?? "", /\/proxy\/media\?url=/);
        assert.equal(await page.evaluate(() => window.__pwned ?? null), null);
        // The display name is text, never markup.
        assert.equal(await card.locator(".display-name b").count(), 0);
        assert.match((await card.locator(".display-name").textContent()) ?? "", /Peer <b>bold<\/b>/);
        assert.match((await card.locator(".display-name img.custom-emoji").getAttribute("src")) ?? "", /\/proxy\/media\?url=/);

        // The attachment is blurred until clicked, then loads through our proxy.
        await card.getByTestId("sensitive-cover").waitFor();
        // Not requested yet: the blurhash placeholder stands in.
        assert.equal(await card.locator('[data-testid="media"] img').count(), 0);
        assert.match(
          await card.getByTestId("media-placeholder").evaluate((el) => getComputedStyle(el).backgroundImage),
          /^url\("data:image\/png/,
        );
        await t.screenshot(page, "remote-post-blurred");
        await card.getByTestId("sensitive-cover").click();
        const image = card.locator('[data-testid="media"] img');
        assert.match((await image.getAttribute("src")) ?? "", /^http:\/\/127\.0\.0\.1:\d+\/proxy\/media\?url=/);
        await eventually(() => image.evaluate((img) => img.complete && img.naturalWidth === 320), { timeout: 10_000 });
        await t.screenshot(page, "remote-post");

        // Boost it: the peer (the author) receives the Announce.
        await card.getByTestId("boost-button").click();
        await eventually(() =>
          card
            .getByTestId("boost-button")
            .getAttribute("aria-pressed")
            .then((v) => v === "true"),
        );
        const announce = await eventually(() => peer.received.find((a) => a.type === "Announce"), { timeout: 20_000 });
        assert.equal(announce.object, noteId);
      } finally {
        await peer.close();
      }
    },
  },
];
