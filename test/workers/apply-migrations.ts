import { applyD1Migrations, env } from "cloudflare:test";
import { beforeEach } from "vitest";

// Every test file starts from an empty database with the real migrations applied;
// storage is shared between the tests of one file, so each test also starts empty.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

beforeEach(async () => {
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'd1_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE '%_fts%'",
  ).all<{ name: string }>();
  await env.DB.batch([
    env.DB.prepare("PRAGMA defer_foreign_keys = on"),
    ...tables.results.map(({ name }) => env.DB.prepare(`DELETE FROM "${name}"`)),
    // The full-text index is a virtual table over posts: empty it with its own command.
    env.DB.prepare("INSERT INTO posts_fts (posts_fts) VALUES ('delete-all')"),
  ]);
  const objects = await env.MEDIA.list();
  if (objects.objects.length) await env.MEDIA.delete(objects.objects.map((o) => o.key));
});
