/**
 * UTF-8 scanning for strict decoding: finds the first ill-formed sequence and its maximal subpart
 * (Unicode §3.9, Table 3-7), which is what .NET reports in DecoderFallbackException.BytesUnknown.
 */

/** Offset and length of the first ill-formed subsequence in `bytes[start, end)`, or null when well formed. */
export function findInvalidUtf8(bytes: Uint8Array, start: number, end: number): { index: number; length: number } | null {
  let i = start;
  while (i < end) {
    const b0 = bytes[i]!;
    if (b0 < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b0 >= 0xc2 && b0 <= 0xdf) need = 1;
    else if (b0 >= 0xe0 && b0 <= 0xef) {
      need = 2;
      if (b0 === 0xe0) lo = 0xa0;
      else if (b0 === 0xed) hi = 0x9f;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      need = 3;
      if (b0 === 0xf0) lo = 0x90;
      else if (b0 === 0xf4) hi = 0x8f;
    } else {
      return { index: i, length: 1 };
    }
    // The second byte has the lead-specific range; the others 80..BF.
    let j = 1;
    for (; j <= need; j++) {
      const b = i + j < end ? bytes[i + j]! : -1;
      const min = j === 1 ? lo : 0x80;
      const max = j === 1 ? hi : 0xbf;
      if (b < min || b > max) return { index: i, length: j };
    }
    i += need + 1;
  }
  return null;
}
