#!/usr/bin/env node
// `npm test`: static checks (format+lint, the core import rule, generated binding
// types, type-check) then the workerd and web test suites. Every step runs even if
// an earlier one fails; the exit code is non-zero if any failed. Results for CI's
// summary line: test-results/checks.json and test-results/vitest.json.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";

const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };
mkdirSync("test-results", { recursive: true });
// wrangler.toml points static assets at dist/web; the workerd tests need the directory to exist.
mkdirSync("dist/web", { recursive: true });

const checks = [
  ["lint (biome)", "npx", ["biome", "check", "."]],
  ["dependency rule (core imports)", "node", ["scripts/check-imports.mjs"]],
  ["binding types (wrangler types --check)", "npx", ["wrangler", "types", "--check"]],
  ["type-check (worker)", "npx", ["tsc", "-p", "tsconfig.json", "--noEmit"]],
];
if (existsSync("web/tsconfig.json")) checks.push(["type-check (web)", "npx", ["tsc", "-p", "web/tsconfig.json", "--noEmit"]]);

let passed = 0;
let failed = 0;
for (const [name, cmd, args] of checks) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status === 0) {
    passed++;
    console.log(`✔ ${name}`);
  } else {
    failed++;
    console.log(`✘ ${name} (exit ${r.status})`);
  }
}
writeFileSync("test-results/checks.json", JSON.stringify({ passed, failed, skipped: 0 }));

const vitest = spawnSync(
  "npx",
  ["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json"],
  { stdio: "inherit", env },
);
if (failed > 0) console.log(`${failed} static check(s) failed`);
process.exit(failed > 0 || vitest.status !== 0 ? 1 : 0);
