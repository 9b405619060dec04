/**
 * Incremental UTF-8 validation (RFC 6455 §8.1, RFC 3629): a text message is checked as its bytes arrive,
 * so a code point split across two reads or two frames is valid, while an invalid byte fails at once.
 * Whole runs are checked by Node's native `isUtf8`; only the at most three bytes of a sequence cut off at
 * the end of a run are carried, and checked as far as they go.
 */
import { isUtf8 } from 'node:buffer';

/** Runs up to this length are scanned for ASCII in JavaScript before isUtf8 is asked. */
const SHORT_RUN = 64;

/** Number of bytes of the sequence a lead byte starts, 0 for a byte that cannot lead. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Whether `byte` may follow `lead` as the sequence's second byte (the ranges that exclude overlongs,
 * surrogates and code points above U+10FFFF). */
function validSecond(lead: number, byte: number): boolean {
  switch (lead) {
    case 0xe0:
      return byte >= 0xa0 && byte <= 0xbf;
    case 0xed:
      return byte >= 0x80 && byte <= 0x9f;
    case 0xf0:
      return byte >= 0x90 && byte <= 0xbf;
    case 0xf4:
      return byte >= 0x80 && byte <= 0x8f;
    default:
      return byte >= 0x80 && byte <= 0xbf;
  }
}

export class Utf8Validator {
  /** The lead byte of a sequence cut off at the end of the last run, or -1. */
  #lead = -1;
  /** Bytes of that sequence seen so far (lead included). */
  #seen = 0;
  /** Its full length. */
  #length = 0;

  /** Checks `data[start..end)` as the continuation of what came before; false at the first invalid byte. */
  write(data: Uint8Array, start: number, end: number): boolean {
    let i = start;
    if (this.#lead >= 0) {
      while (this.#seen < this.#length && i < end) {
        const byte = data[i]!;
        if (this.#seen === 1 ? !validSecond(this.#lead, byte) : (byte & 0xc0) !== 0x80) return false;
        this.#seen++;
        i++;
      }
      if (this.#seen < this.#length) return true;
      this.#lead = -1;
    }
    if (i === end) return true;
    // Find where the last sequence starts: at most three continuation bytes back.
    let j = end - 1;
    const stop = Math.max(i, end - 4);
    while (j > stop && (data[j]! & 0xc0) === 0x80) j--;
    const lead = data[j]!;
    const length = sequenceLength(lead);
    let bodyEnd = end;
    if ((lead & 0xc0) !== 0x80 && length > end - j) {
      // An incomplete sequence at the end: check the part that is there and carry it.
      if (length === 0) return false;
      if (end - j >= 2 && !validSecond(lead, data[j + 1]!)) return false;
      this.#lead = lead;
      this.#seen = end - j;
      this.#length = length;
      bodyEnd = j;
    } else if (length === 0 && (lead & 0xc0) !== 0x80) {
      return false;
    }
    if (bodyEnd === i) return true;
    if (bodyEnd - i <= SHORT_RUN) {
      // Short runs (chat-sized messages) are mostly ASCII: a loop over them costs less than the view and
      // the native call; the first non-ASCII byte hands the run to isUtf8.
      let k = i;
      while (k < bodyEnd && data[k]! < 0x80) k++;
      if (k === bodyEnd) return true;
    }
    return isUtf8(i === 0 && bodyEnd === data.length ? data : data.subarray(i, bodyEnd));
  }

  /** No sequence is left incomplete: what comes next starts afresh (so ASCII is valid as it stands). */
  get complete(): boolean {
    return this.#lead < 0;
  }

  /** The end of the message: valid only if no sequence is left incomplete. Resets for the next message. */
  finish(): boolean {
    const complete = this.#lead < 0;
    this.#lead = -1;
    return complete;
  }
}
