import { describe, expect, it } from "vitest";
import { checkUrl, classifyAddress, dohResolver, isInternalName, parseIPv4, parseIPv6 } from "./address-guard";

describe("parseIPv4", () => {
  it("reads every form inet_aton accepts", () => {
    expect(parseIPv4("127.0.0.1")).toBe(0x7f000001);
    expect(parseIPv4("2130706433")).toBe(0x7f000001); // decimal
    expect(parseIPv4("0177.0.0.1")).toBe(0x7f000001); // octal
    expect(parseIPv4("0x7f.1")).toBe(0x7f000001); // hex, two parts
    expect(parseIPv4("127.1")).toBe(0x7f000001);
    expect(parseIPv4("0x7f000001")).toBe(0x7f000001);
    expect(parseIPv4("10.0.0.1.")).toBe(0x0a000001);
  });
  it("refuses what is not an address", () => {
    for (const s of ["256.0.0.1", "1.2.3.4.5", "example.com", "08.1.1.1", "", "4294967296"]) expect(parseIPv4(s), s).toBeNull();
  });
});

describe("parseIPv6", () => {
  it("expands compressed forms and dotted tails", () => {
    expect(parseIPv6("::1")).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIPv6("[::ffff:127.0.0.1]")).toEqual([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
    expect(parseIPv6("::127.0.0.1")).toEqual([0, 0, 0, 0, 0, 0, 0x7f00, 1]);
    expect(parseIPv6("fe80::1%eth0")).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIPv6("2001:db8:0:0:0:0:0:1")).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
  });
  it("refuses malformed ones", () => {
    for (const s of ["1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "::ffff:300.1.1.1", "example.com"])
      expect(parseIPv6(s), s).toBeNull();
  });
});

describe("classifyAddress", () => {
  const cases: [string, string][] = [
    ["8.8.8.8", "public"],
    ["1.1.1.1", "public"],
    ["127.0.0.1", "loopback"],
    ["2130706433", "loopback"],
    ["0177.0.0.1", "loopback"],
    ["0x7f.1", "loopback"],
    ["0.0.0.0", "unspecified"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["172.32.0.1", "public"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "cgnat"],
    ["100.127.255.255", "cgnat"],
    ["169.254.169.254", "link_local"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "reserved"],
    ["192.0.2.1", "reserved"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:169.254.169.254", "link_local"],
    ["::ffff:8.8.8.8", "public"],
    ["64:ff9b::10.0.0.1", "private"],
    ["2002:0a00:0001::", "private"],
    ["fc00::1", "ula"],
    ["fd00:ec2::254", "ula"],
    ["fe80::1", "link_local"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "reserved"],
    ["2606:4700:4700::1111", "public"],
    ["[2606:4700:4700::1111]", "public"],
  ];
  for (const [address, verdict] of cases) it(`${address} is ${verdict}`, () => expect(classifyAddress(address)).toBe(verdict));
  it("answers null for names", () => expect(classifyAddress("example.com")).toBeNull());
});

describe("isInternalName", () => {
  it("flags names that only work inside a network", () => {
    for (const h of ["localhost", "foo.localhost", "metadata.google.internal", "printer.local", "intranet", "router.home.arpa"])
      expect(isInternalName(h), h).toBe(true);
    for (const h of ["example.com", "mastodon.social", "local.example"]) expect(isInternalName(h), h).toBe(false);
  });
});

describe("checkUrl", () => {
  const resolveTo =
    (map: Record<string, string[]>) =>
    async (host: string): Promise<string[]> =>
      map[host] ?? [];
  const prod = (map: Record<string, string[]> = {}) => ({ allowPrivate: false, resolve: resolveTo(map) });

  it("in production refuses plain http, private literals in any spelling, internal names and private DNS answers", async () => {
    const refused: [string, string][] = [
      ["http://example.com/a.png", "scheme"],
      ["https://127.0.0.1/a.png", "private_address"],
      ["https://2130706433/a.png", "private_address"],
      ["https://0177.0.0.1/a.png", "private_address"],
      ["https://0x7f.1/a.png", "private_address"],
      ["https://[::1]/a.png", "private_address"],
      ["https://[::ffff:127.0.0.1]/a.png", "private_address"],
      ["https://[::ffff:a9fe:a9fe]/latest/meta-data", "private_address"],
      ["https://169.254.169.254/latest/meta-data", "private_address"],
      ["https://[fd00:ec2::254]/", "private_address"],
      ["https://localhost/a.png", "internal_name"],
      ["https://metadata.google.internal/", "internal_name"],
      ["https://rebind.example/a.png", "private_address"],
      ["https://nowhere.example/a.png", "unresolvable"],
      ["https://user:pw@example.com/a.png", "bad_url"],
      ["ftp://example.com/a.png", "scheme"],
      ["not a url", "bad_url"],
    ];
    const options = prod({ "rebind.example": ["93.184.216.34", "10.0.0.1"], "example.com": ["93.184.216.34"] });
    for (const [url, reason] of refused) expect(await checkUrl(url, options), url).toEqual({ ok: false, reason });
    expect((await checkUrl("https://example.com/a.png", options)).ok).toBe(true);
    expect((await checkUrl("https://8.8.8.8/a.png", options)).ok).toBe(true);
  });

  it("in development allows plain-http loopback but still only http(s)", async () => {
    const dev = { allowPrivate: true, resolve: resolveTo({}) };
    expect((await checkUrl("http://127.0.0.1:8788/a.png", dev)).ok).toBe(true);
    expect(await checkUrl("file:///etc/passwd", dev)).toEqual({ ok: false, reason: "scheme" });
  });

  it("a resolver failure refuses (fail closed)", async () => {
    const failing = { allowPrivate: false, resolve: async () => Promise.reject(new Error("DoH down")) };
    expect(await checkUrl("https://example.com/", failing)).toEqual({ ok: false, reason: "unresolvable" });
  });
});

describe("dohResolver", () => {
  it("asks for A and AAAA, keeps only addresses and caches by TTL", async () => {
    const asked: string[] = [];
    const fake = (async (input: RequestInfo | URL) => {
      const url = new URL(String(input));
      asked.push(url.searchParams.get("type") ?? "");
      const answer =
        url.searchParams.get("type") === "A"
          ? [
              { type: 5, data: "cdn.example.", TTL: 60 },
              { type: 1, data: "93.184.216.34", TTL: 60 },
            ]
          : [{ type: 28, data: "2606:2800:220:1::1", TTL: 120 }];
      return new Response(JSON.stringify({ Status: 0, Answer: answer }), { headers: { "content-type": "application/dns-json" } });
    }) as typeof fetch;
    let t = 0;
    const resolve = dohResolver(fake, "https://doh.test/dns-query", () => t);
    expect(await resolve("Example.com")).toEqual(["93.184.216.34", "2606:2800:220:1::1"]);
    expect(await resolve("example.com")).toHaveLength(2);
    expect(asked).toEqual(["A", "AAAA"]);
    t = 61_000;
    await resolve("example.com");
    expect(asked).toHaveLength(4);
  });
});
