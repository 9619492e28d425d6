/**
 * Removes metadata from a JPEG without re-encoding it (ITU T.81, Annex B): the
 * segments before the first SOS are copied one by one, except
 * - APP1 (Exif, with GPS position, camera serial numbers, thumbnails; and XMP),
 * - APP2 unless it is an ICC colour profile (kept: without it colours shift),
 * - APP3 ... APP15 (maker notes, Photoshop IRB with IPTC captions, ...),
 * - COM (free-text comments).
 * APP0 (JFIF/JFXX) is kept. From the first SOS on, the entropy-coded data and the
 * tables between progressive scans are copied verbatim up to and including EOI;
 * anything appended after EOI (a classic way to smuggle a second file) is dropped.
 * Returns null when the structure before SOS does not parse.
 */
export function stripJpegMetadata(b: Uint8Array): Uint8Array | null {
  if (b[0] !== 0xff || b[1] !== 0xd8) return null;
  const kept: Uint8Array[] = [b.subarray(0, 2)];
  let i = 2;
  while (i < b.length) {
    if (b[i] !== 0xff) return null;
    let m = i + 1;
    while (b[m] === 0xff) m++; // fill bytes
    const marker = b[m];
    if (marker === undefined) return null;
    if (marker === 0xd9) {
      kept.push(b.subarray(m - 1, m + 1));
      return concat(kept);
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      kept.push(b.subarray(m - 1, m + 1));
      i = m + 1;
      continue;
    }
    if (m + 3 > b.length) return null;
    const length = ((b[m + 1] ?? 0) << 8) | (b[m + 2] ?? 0);
    if (length < 2 || m + 1 + length > b.length) return null;
    const segment = b.subarray(m - 1, m + 1 + length);
    if (marker === 0xda) {
      kept.push(b.subarray(m - 1, endOfImage(b, m + 1 + length)));
      return concat(kept);
    }
    if (keep(marker, b.subarray(m + 3, m + 1 + length))) kept.push(segment);
    i = m + 1 + length;
  }
  return null;
}

function keep(marker: number, payload: Uint8Array): boolean {
  if (marker === 0xfe) return false;
  if (marker === 0xe2) return startsWith(payload, "ICC_PROFILE\0");
  if (marker > 0xe0 && marker <= 0xef) return false;
  return true;
}

/** Just past the EOI marker after `from` (FF D9 cannot occur inside entropy-coded data, which stuffs FF with 00). */
function endOfImage(b: Uint8Array, from: number): number {
  for (let i = from; i + 1 < b.length; i++) {
    if (b[i] === 0xff && b[i + 1] === 0xd9) return i + 2;
  }
  return b.length;
}

function startsWith(b: Uint8Array, s: string): boolean {
  return [...s].every((c, i) => b[i] === c.charCodeAt(0));
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
