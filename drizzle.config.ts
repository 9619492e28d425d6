import { defineConfig } from "drizzle-kit";

// `npm run db:generate` writes the next flat migrations/NNNN_name.sql that
// wrangler (`d1 migrations apply`) and the tests (`readD1Migrations`) apply.
export default defineConfig({
  dialect: "sqlite",
  schema: "./workers/db/schema.ts",
  out: "./migrations",
});
