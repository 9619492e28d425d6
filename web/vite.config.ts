import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

// The web client is built into ../dist/web, which wrangler.toml serves as static assets.
const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  plugins: [preact()],
  build: {
    outDir: resolve(here, "../dist/web"),
    emptyOutDir: true,
  },
  server: {
    // `npx vite --config web/vite.config.ts` next to `npm start` (port 8787) for hot reload.
    proxy: { "/api": "http://127.0.0.1:8787" },
  },
});
