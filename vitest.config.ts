import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import preact from "@preact/preset-vite";
import { defineConfig } from "vitest/config";

// Two projects: the Worker, Durable Objects and API run inside workerd against real
// local D1 (with the real migrations), R2, Queues and Durable Objects; the web client's
// components run in happy-dom.
export default defineConfig(async () => {
  const migrations = await readD1Migrations("./migrations");
  return {
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: { TEST_MIGRATIONS: migrations, ORIGIN: "http://127.0.0.1:8787", ENVIRONMENT: "test" },
              },
            }),
          ],
          test: {
            name: "workers",
            include: ["workers/**/*.test.ts", "durable-objects/**/*.test.ts", "test/workers/**/*.test.ts"],
            setupFiles: ["./test/workers/apply-migrations.ts"],
          },
        },
        {
          plugins: [preact()],
          test: {
            name: "web",
            environment: "happy-dom",
            include: ["web/**/*.test.ts", "web/**/*.test.tsx"],
          },
        },
      ],
    },
  };
});
