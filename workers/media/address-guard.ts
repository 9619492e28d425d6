/**
 * The SSRF guard for outbound fetches of remote URLs (the media proxy, ActivityPub
 * deliveries): which hosts and addresses a deployed server must never reach.
 *
 * What it can and cannot do on Workers: a Worker's fetch() resolves the host itself and
 * gives us no hook between resolution and connection. So the guard (1) refuses hosts
 * that are IP literals in a private, loopback, link-local, CGNAT, ULA, multicast,
 * documentation or reserved range, in every spelling the URL parser accepts (decimal,
 * octal and hex IPv4, IPv4-mapped/compatible/NAT64/6to4 IPv6), and names that only make
 * sense inside a network (`localhost`, `*.internal`, `*.local`, single labels); (2)
 * resolves any other name over DNS-over-HTTPS first and refuses it when any A/AAAA
 * answer is non-public; and (3) is applied again to every redirect hop, since callers
 * follow redirects by hand. It cannot stop DNS rebinding between our lookup and the
 * runtime's own (a name that answers public to us and private a moment later); on
 * Cloudflare that window is small, because the edge does not route to RFC 1918 space
 * anyway, but the guard is defence in depth, not a network boundary.
 *
 * Spec references: RFC 6890 (special-purpose registries), RFC 6598 (CGNAT 100.64/10),
 * RFC 4193 (ULA fc00::/7), RFC 4291 (IPv4-mapped ::ffff:0:0/96), RFC 6052 (64:ff9b::/96),
 * RFC 3056 (6to4 2002::/16).
 */

export type AddressVerdict =
  | "public"
  | "unspecified"
  | "loopback"
  | "private"
  | "link_local"
  | "cgnat"
  | "ula"
  | "multicast"
  | "reserved";

/**
 * Parses an IPv4 literal the way inet_aton (and the WHATWG URL parser) does: one to four
 * dot-separated parts, each decimal, octal (leading 0) or hex (0x); the last part fills
 * the remaining bytes. Returns the address as an unsigned 32-bit number, or null.
 */
export function parseIPv4(text: string): number | null {
  const parts = text.split(".");
  if (parts.length > 1 && parts.at(-1) === "") parts.pop(); // a trailing dot is allowed
  if (parts.length === 0 || parts.length > 4) return null;
  const nums: number[] = [];
  for (const part of parts) {
    let n: number;
    if (/^0x[0-9a-f]*$/i.test(part)) n = part.length === 2 ? 0 : Number.parseInt(part.slice(2), 16);
    else if (/^0[0-7]+$/.test(part)) n = Number.parseInt(part.slice(1), 8);
    else if (/^(0|[1-9][0-9]*)$/.test(part)) n = Number(part);
    else return null;
    if (!Number.isFinite(n)) return null;
    nums.push(n);
  }
  const last = nums.pop() as number;
  if (nums.some((n) => n > 255)) return null;
  if (last >= 256 ** (4 - nums.length)) return null;
  let value = last;
  nums.forEach((n, i) => {
    value += n * 256 ** (3 - i);
  });
  return value >>> 0;
}

/** Parses an IPv6 literal (with or without brackets, with an embedded dotted IPv4 tail) into eight 16-bit groups. */
export function parseIPv6(text: string): number[] | null {
  let s = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  s = s.replace(/%.*$/, ""); // a zone id names an interface: the address is what matters
  if (!s.includes(":")) return null;
  let tail: number[] = [];
  const v4 = /:(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4?.[1]) {
    const n = /^(\d{1,3}\.){3}\d{1,3}$/.test(v4[1]) ? parseIPv4(v4[1]) : null;
    if (n === null || v4[1].split(".").some((p) => Number(p) > 255)) return null;
    tail = [n >>> 16, n & 0xffff];
    // "::ffff:1.2.3.4" -> "::ffff", "::1.2.3.4" -> "::" (the double colon stays)
    s = s.slice(0, v4.index + 1);
    if (!s.endsWith("::")) s = s.slice(0, -1);
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const group = (g: string) => (/^[0-9a-f]{1,4}$/i.test(g) ? Number.parseInt(g, 16) : Number.NaN);
  const head = halves[0] ? halves[0].split(":").map(group) : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(":").map(group) : [];
  const want = 8 - tail.length;
  if ([...head, ...rest].some(Number.isNaN)) return null;
  if (halves.length === 1) {
    if (head.length !== want) return null;
    return [...head, ...tail];
  }
  if (head.length + rest.length >= want) return null;
  return [...head, ...new Array(want - head.length - rest.length).fill(0), ...rest, ...tail];
}

const inV4 = (ip: number, base: string, bits: number) => {
  const b = parseIPv4(base) as number;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (ip & mask) >>> 0 === (b & mask) >>> 0;
};

const V4_RANGES: [string, number, AddressVerdict][] = [
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "cgnat"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link_local"], // includes 169.254.169.254, the cloud metadata address
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"], // IETF protocol assignments (incl. 192.0.0.192 Oracle metadata)
  ["192.0.2.0", 24, "reserved"], // TEST-NET-1
  ["192.88.99.0", 24, "reserved"], // 6to4 relay anycast
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "reserved"], // benchmarking
  ["198.51.100.0", 24, "reserved"], // TEST-NET-2
  ["203.0.113.0", 24, "reserved"], // TEST-NET-3
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"], // includes 255.255.255.255
];

export function classifyIPv4(ip: number): AddressVerdict {
  for (const [base, bits, verdict] of V4_RANGES) if (inV4(ip, base, bits)) return verdict;
  return "public";
}

export function classifyIPv6(g: readonly number[]): AddressVerdict {
  const v4At = (i: number) => (((g[i] as number) << 16) | (g[i + 1] as number)) >>> 0;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 8)) return "unspecified";
  if (zeros(0, 7) && g[7] === 1) return "loopback";
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible, deprecated), 64:ff9b::a.b.c.d (NAT64): the IPv4 inside decides.
  if (zeros(0, 5) && g[5] === 0xffff) return classifyIPv4(v4At(6));
  if (zeros(0, 6)) return classifyIPv4(v4At(6));
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return classifyIPv4(v4At(6));
  const first = g[0] as number;
  if (first === 0x64 && g[1] === 0xff9b && g[2] === 1) return "private"; // local-use NAT64 (RFC 8215)
  if (first === 0x2002) return classifyIPv4(v4At(1)); // 6to4
  if (first === 0x0100 && zeros(1, 4)) return "reserved"; // discard-only 100::/64
  if ((first & 0xfe00) === 0xfc00) return "ula"; // fc00::/7 (incl. fd00:ec2::254, AWS metadata)
  if ((first & 0xffc0) === 0xfe80) return "link_local";
  if ((first & 0xffc0) === 0xfec0) return "private"; // deprecated site-local
  if ((first & 0xff00) === 0xff00) return "multicast";
  if (first === 0x2001 && g[1] === 0x0db8) return "reserved"; // documentation
  if (first === 0x2001 && (g[1] as number) < 0x0200) return "reserved"; // IETF protocol assignments (Teredo, ORCHID...)
  if (first === 0x3fff && (g[1] as number) < 0x1000) return "reserved"; // documentation (RFC 9637)
  if ((first & 0xe000) !== 0x2000) return "reserved"; // outside global unicast 2000::/3
  return "public";
}

/** The verdict for an address literal (IPv4 in any inet_aton form, or IPv6), or null if it is not one. */
export function classifyAddress(text: string): AddressVerdict | null {
  const v6 = parseIPv6(text);
  if (v6) return classifyIPv6(v6);
  const v4 = parseIPv4(text);
  return v4 === null ? null : classifyIPv4(v4);
}

/** Names that only resolve inside a network (or to loopback), refused without asking DNS. */
export function isInternalName(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, "");
  if (!h.includes(".")) return true; // "localhost", "metadata", intranet single labels
  return /(^|\.)(localhost|local|internal|intranet|lan|home\.arpa|localdomain)$/.test(h);
}

/** DNS resolution as the guard needs it: every A and AAAA address of a name (empty when none). */
export type Resolve = (hostname: string) => Promise<string[]>;

export type GuardRefusal = "bad_url" | "scheme" | "internal_name" | "private_address" | "unresolvable";

export interface GuardOptions {
  /** Development and tests: plain http and private/loopback targets are allowed (peers on 127.0.0.1). */
  readonly allowPrivate: boolean;
  /** How names are resolved before a fetch (production only). */
  readonly resolve: Resolve;
}

/**
 * Whether `url` may be fetched. In production: https only, no internal names, no
 * non-public literal, and every address the name resolves to must be public.
 */
export async function checkUrl(
  url: string,
  options: GuardOptions,
): Promise<{ ok: true; url: URL } | { ok: false; reason: GuardRefusal }> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: "bad_url" };
  }
  if (parsed.username || parsed.password) return { ok: false, reason: "bad_url" };
  if (options.allowPrivate) {
    return parsed.protocol === "https:" || parsed.protocol === "http:"
      ? { ok: true, url: parsed }
      : { ok: false, reason: "scheme" };
  }
  if (parsed.protocol !== "https:") return { ok: false, reason: "scheme" };
  const host = parsed.hostname;
  const literal = classifyAddress(host);
  if (literal !== null) return literal === "public" ? { ok: true, url: parsed } : { ok: false, reason: "private_address" };
  if (isInternalName(host)) return { ok: false, reason: "internal_name" };
  let addresses: string[];
  try {
    addresses = await options.resolve(host);
  } catch {
    return { ok: false, reason: "unresolvable" };
  }
  if (addresses.length === 0) return { ok: false, reason: "unresolvable" };
  for (const a of addresses) if (classifyAddress(a) !== "public") return { ok: false, reason: "private_address" };
  return { ok: true, url: parsed };
}

interface DohAnswer {
  type: number;
  data: string;
  TTL?: number;
}

/**
 * A Resolve over DNS-over-HTTPS (Cloudflare's JSON API, RFC 8484's JSON sibling): A and
 * AAAA in parallel, two subrequests per uncached name. Verdict inputs are cached per
 * isolate for the record TTL (at most 5 minutes, at most 512 names).
 */
export function dohResolver(
  fetcher: typeof fetch,
  endpoint = "https://cloudflare-dns.com/dns-query",
  now: () => number = Date.now,
): Resolve {
  const cache = new Map<string, { until: number; addresses: string[] }>();
  return async (hostname) => {
    const name = hostname.toLowerCase();
    const hit = cache.get(name);
    if (hit && hit.until > now()) return hit.addresses;
    const ask = async (type: "A" | "AAAA") => {
      const res = await fetcher(`${endpoint}?name=${encodeURIComponent(name)}&type=${type}`, {
        headers: { accept: "application/dns-json" },
        signal: AbortSignal.timeout(3000),
      });
      if (!res.ok) throw new Error(`DoH ${res.status}`);
      const body = (await res.json()) as { Status?: number; Answer?: DohAnswer[] };
      return (body.Answer ?? []).filter((a) => a.type === 1 || a.type === 28);
    };
    const answers = (await Promise.all([ask("A"), ask("AAAA")])).flat();
    const addresses = answers.map((a) => a.data);
    const ttl = Math.min(300, ...answers.map((a) => a.TTL ?? 300));
    if (cache.size >= 512) cache.delete(cache.keys().next().value as string);
    cache.set(name, { until: now() + Math.max(0, ttl) * 1000, addresses });
    return addresses;
  };
}
