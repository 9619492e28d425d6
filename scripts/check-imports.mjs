#!/usr/bin/env node
// The dependency rule (STYLE.md): workers/core imports nothing outside workers/core
// (no packages, no `cloudflare:*`, no adapters); protocol adapters under
// workers/federation/* do not import each other. Runs in `npm test`.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const root = resolve(import.meta.dirname, "..");
const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|^\s*import\s+["']([^"']+)["']/gm;

function* files(dir) {
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|tsx|mts)$/.test(name)) yield p;
  }
}

const within = (p, dir) => p === dir || p.startsWith(dir + sep);
const violations = [];

function check(dir, allowed) {
  const base = join(root, dir);
  for (const file of files(base)) {
    const src = readFileSync(file, "utf8");
    for (const m of src.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3];
      const problem = allowed(spec, file);
      if (problem) violations.push(`${relative(root, file)}: imports "${spec}" (${problem})`);
    }
  }
}

const core = join(root, "workers/core");
check("workers/core", (spec, file) => {
  if (!spec.startsWith(".")) return "the core uses Web-standard APIs only, no packages or runtime modules";
  if (!within(resolve(dirname(file), spec), core)) return "the core imports nothing outside workers/core";
  return null;
});

const adapters = ["activitypub", "atproto", "friends"];
for (const adapter of adapters) {
  check(`workers/federation/${adapter}`, (spec, file) => {
    if (!spec.startsWith(".")) return null;
    const target = resolve(dirname(file), spec);
    for (const other of adapters) {
      // friends builds on activitypub (it is ActivityPub with extra rules); others stay apart.
      if (other === adapter || (adapter === "friends" && other === "activitypub")) continue;
      if (within(target, join(root, "workers/federation", other))) return `protocol adapters do not import each other (${other})`;
    }
    return null;
  });
}

if (violations.length) {
  console.error(`Dependency rule violated:\n  ${violations.join("\n  ")}`);
  process.exit(1);
}
console.log("dependency rule: ok");
