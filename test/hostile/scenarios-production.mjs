// Against the second instance, started with ENVIRONMENT=production (the SSRF guard and the
// per-IP signup limit apply only there): the media proxy pointed at private, loopback,
// link-local and internal targets in many spellings, and a signup flood from one address.
// Only IP literals and names the guard refuses without DNS are used, so no lookup leaves
// this machine.
import { Client, PASSWORD, pool, send, Tally } from "./tally.mjs";

/** Hosts that must be refused, in the spellings the URL parser accepts. */
const HOSTS = [
  "127.0.0.1",
  "127.1",
  "127.0.1",
  "2130706433",
  "0x7f000001",
  "0x7f.1",
  "0177.0.0.1",
  "017700000001",
  "0177.1",
  "127.000.000.001",
  "127.0.0.1.",
  "127.255.255.254",
  "0.0.0.0",
  "0",
  "localhost",
  "LOCALHOST",
  "localhost.",
  "foo.localhost",
  "metadata",
  "metadata.google.internal",
  "printer.local",
  "router.lan",
  "10.0.0.1",
  "10.255.255.255",
  "012.0.0.1",
  "0xa.0.0.1",
  "172.16.0.1",
  "172.31.255.254",
  "0xac.0x10.0.1",
  "192.168.0.1",
  "192.168.255.255",
  "3232235521",
  "169.254.169.254",
  "0xa9fea9fe",
  "2852039166",
  "169.254.0.1",
  "100.64.0.1",
  "192.0.0.192",
  "198.18.0.1",
  "224.0.0.1",
  "255.255.255.255",
  "[::1]",
  "[0:0:0:0:0:0:0:1]",
  "[::]",
  "[::ffff:127.0.0.1]",
  "[::ffff:7f00:1]",
  "[::ffff:10.0.0.1]",
  "[::ffff:169.254.169.254]",
  "[::127.0.0.1]",
  "[64:ff9b::7f00:1]",
  "[64:ff9b::a9fe:a9fe]",
  "[2002:7f00:1::]",
  "[2002:a9fe:a9fe::1]",
  "[fc00::1]",
  "[fd00:ec2::254]",
  "[fe80::1]",
  "[fec0::1]",
  "[ff02::1]",
  "１２７.０.０.１", // full-width digits (the URL parser maps them to 127.0.0.1)
  "127。0。0。1", // ideographic full stops
];

export async function ssrf(t) {
  const { prodOrigin, fake } = t;
  const tally = new Tally("SSRF via the media proxy");
  t.tallies.push(tally);
  const fakePort = new URL(fake.origin).port;
  const targets = [];
  for (const h of HOSTS) {
    for (const path of ["/image.png", `:${fakePort}/media/a.png`, ":6379/", "/latest/meta-data/iam/security-credentials/"]) {
      targets.push(`https://${h}${path}`);
    }
    targets.push(`http://${h}/image.png`);
  }
  // Plain http to a public-looking literal (https only), credentials, other schemes.
  targets.push(
    "http://93.184.215.14/x.png",
    "https://user:pass@127.0.0.1/x.png",
    "https://127.0.0.1@127.0.0.1/x.png",
    "file:///etc/passwd",
    "gopher://127.0.0.1:6379/_INFO",
    "ftp://127.0.0.1/x.png",
    "dict://127.0.0.1:11211/stats",
    "ws://127.0.0.1/",
    "data:image/png;base64,iVBORw0KGgo=",
    "javascript:alert(1)",
    "//127.0.0.1/x.png",
    "/proxy/media?url=https://127.0.0.1/",
    "not a url",
    "https://",
    "https:///x",
    `https://[::1]:${fakePort}/media/a.png`,
    "x".repeat(3000),
  );
  // Redirects to loopback from our fake server (itself loopback: refused before any fetch).
  for (const to of ["http://127.0.0.1/", "https://169.254.169.254/latest/meta-data/", "https://[::1]/", "file:///etc/passwd"])
    targets.push(
      `${fake.origin}/redirect?to=${encodeURIComponent(to)}`,
      `https://127.0.0.1:${fakePort}/redirect?to=${encodeURIComponent(to)}`,
    );
  // Control: the development instance's proxy does fetch the same loopback file (there the
  // guard allows plain-http loopback peers), so the refusals below are the guard's doing.
  const control = await send(`${t.origin}/proxy/media?url=${encodeURIComponent(`${fake.origin}/media/a.png`)}`);
  if (control.status !== 200 || control.headers.get("content-type") !== "image/png")
    throw new Error(`control: the development proxy answered ${control.status} ${control.headers.get("content-type")}`);
  const fetchedBefore = fake.mediaHits();
  await pool(targets, 4, async (url) => {
    for (const headers of [{}, { range: "bytes=0-10" }]) {
      const r = await send(`${prodOrigin}/proxy/media?url=${encodeURIComponent(url)}`, { headers });
      tally.check(`proxy ${url.slice(0, 80)}`, r, (x) => x.status >= 400 && x.status < 500);
    }
  });
  // Without encoding, too (the query parser sees what a careless client would send).
  for (const url of targets.slice(0, 60)) {
    const r = await send(`${prodOrigin}/proxy/media?url=${url}`);
    tally.check(`proxy (raw) ${url.slice(0, 80)}`, r, (x) => x.status >= 400 && x.status < 500);
  }
  const hits = fake.mediaHits() - fetchedBefore;
  if (hits > 0) tally.stored(hits, "the production proxy reached the loopback fake server");
  t.info(`ssrf: ${targets.length} target URLs x (2 + raw) -> all 4xx; loopback server reached ${hits} times`);
  tally.assertClean();
}

export async function signupFlood(t) {
  const { prodOrigin } = t;
  const tally = new Tally("flood: signups from one IP");
  t.tallies.push(tally);
  const admin = new Client(prodOrigin, "prod-admin");
  const first = await admin.req("POST", "/api/auth/signup", { username: "padmin", password: PASSWORD });
  if (first.status !== 201) throw new Error(`production instance: first signup answered ${first.status} ${first.text}`);
  let created = 1;
  let limited = 0;
  for (let i = 0; i < 12; i++) {
    const c = new Client(prodOrigin, `p${i}`);
    const r = await c.req("POST", "/api/auth/signup", { username: `pflood${i}`, password: PASSWORD });
    tally.check("signup from one address", r, (x) => (x.status === 201 && created < 5) || x.status === 429);
    if (r.status === 201) created++;
    if (r.status === 429) limited++;
  }
  const d = await admin.ok("GET", "/api/admin/dashboard");
  if (d.users !== created)
    tally.stored(Math.abs(d.users - created), `users on the production instance: ${d.users}, ${created} signups answered 201`);
  if (limited === 0) {
    tally.note("no 429 for 12 signups from one address");
    tally.wrongs++;
  }
  t.info(`signups (production): 13 from one address -> ${created} created, ${limited} x 429`);
  tally.assertClean();
}
