// RFC 6455 §5.6 and §8.1 UTF-8 in text messages and close reasons, for every role: valid text split at
// every byte boundary across fragments is accepted; invalid sequences close with 1007 and fault the
// receive with .NET's generic Faulted message; close reasons decode strictly. See docs/behaviour.md#utf-8, docs/behaviour.md#protocol-errors, docs/behaviour.md#net-test-cases case 15.
import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { WebSocketError } from '../../src/System.Net.WebSockets/WebSocketError.js';
import { WebSocketException } from '../../src/System.Net.WebSockets/WebSocketException.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import { WebSocketState } from '../../src/System.Net.WebSockets/WebSocketState.js';
import { closeBody, frame } from '../helpers/peers.js';
import {
  closeCode,
  expectFailure,
  fragmentFirst,
  nextClose,
  receive,
  receiveMessage,
  receiveUntilFault,
  roleNames,
  roles,
} from './roles.js';

/** One of each UTF-8 length, the boundaries of each range, and the last valid code point. */
const valid = [
  'a',
  '\u007f',
  '\u0080',
  'é',
  '\u07ff',
  '\u0800',
  '€',
  '\ud7ff',
  '\ue000',
  '\uffff',
  '𐀀',
  '𝄞',
  '\u{10ffff}',
  'κόσμε 안녕 🎉',
];

/** Ill-formed sequences (RFC 3629 §3, §4): each makes the message invalid wherever it appears. */
const invalid: Array<[string, number[]]> = [
  ['a lone continuation byte', [0x80]],
  ['a lead byte without its continuation', [0xc3, 0x28]],
  ['an overlong 2-byte "/"', [0xc0, 0xaf]],
  ['an overlong 3-byte "/"', [0xe0, 0x80, 0xaf]],
  ['an overlong 4-byte "/"', [0xf0, 0x80, 0x80, 0xaf]],
  ['a UTF-16 high surrogate', [0xed, 0xa0, 0x80]],
  ['a UTF-16 low surrogate', [0xed, 0xbf, 0xbf]],
  ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ['the byte F5', [0xf5, 0x80, 0x80, 0x80]],
  ['a 5-byte form', [0xf8, 0x88, 0x80, 0x80, 0x80]],
  ['the byte FE', [0xfe]],
  ['the byte FF', [0xff]],
  ['a sequence cut off at the end of the message', [0x61, 0xe2, 0x82]],
];

describe.each(roleNames)('RFC 6455 §8.1 UTF-8 in text messages: %s', (role) => {
  it.each(valid)('accepts %j split into two fragments at every byte boundary', async (text) => {
    const c = await roles[role]();
    const bytes = Buffer.from(text, 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      await c.send(
        Buffer.concat([
          frame(0x1, bytes.subarray(0, cut), { fin: false, mask: c.mask }),
          frame(0x0, bytes.subarray(cut), { mask: c.mask }),
        ]),
      );
      const m = await receiveMessage(c.ws, 64);
      expect([m.type, m.data.toString('utf8')]).toEqual([WebSocketMessageType.Text, text]);
    }
    await c.send(frame(0x1, bytes, { mask: c.mask }));
    expect((await receiveMessage(c.ws, 64)).data.toString('utf8')).toBe(text);
    expect(c.ws.State).toBe(WebSocketState.Open);
  });

  it('accepts a text message sent one byte per fragment', async () => {
    const c = await roles[role]();
    const bytes = Buffer.from(valid.join(''), 'utf8');
    const parts = [...bytes].map((b, i) => frame(i === 0 ? 0x1 : 0x0, Buffer.from([b]), { fin: i === bytes.length - 1, mask: c.mask }));
    await c.send(Buffer.concat(parts));
    const m = await receiveMessage(c.ws, 64);
    expect(m.data.equals(bytes)).toBe(true);
    expect(m.pieces.length).toBe(bytes.length);
  });

  it('hands a character split across 1-byte receives over without complaint', async () => {
    const c = await roles[role]();
    await c.send(frame(0x1, '𝄞', { mask: c.mask }));
    const m = await receiveMessage(c.ws, 1);
    expect(m.pieces).toEqual([
      [1, false],
      [1, false],
      [1, false],
      [1, true],
    ]);
  });

  it.each(invalid)('closes with 1007 for %s in one frame', async (_name, bytes) => {
    const c = await roles[role]();
    await c.send(frame(0x1, Buffer.from([0x6f, 0x6b, ...bytes]), { mask: c.mask }));
    await expectFailure(c, 1007, dotnetMessage('net_Websockets_WebSocketBaseFaulted'));
  });

  it.each(invalid.filter(([, b]) => b.length > 1))('closes with 1007 for %s split across fragments', async (_name, bytes) => {
    const c = await roles[role]();
    const b = Buffer.from(bytes);
    await c.send(Buffer.concat([frame(0x1, b.subarray(0, 1), { fin: false, mask: c.mask }), frame(0x0, b.subarray(1), { mask: c.mask })]));
    // A first byte that can start a valid sequence is delivered before the fault, as on .NET; one that
    // cannot (C0, C1, F5 and above) fails at once.
    const lead = b[0]!;
    const before = lead === 0xc0 || lead === 0xc1 || lead >= 0xf5 ? [] : fragmentFirst(WebSocketMessageType.Text, b.subarray(0, 1));
    await expectFailure(c, 1007, dotnetMessage('net_Websockets_WebSocketBaseFaulted'), before);
  });

  it('does not validate binary messages', async () => {
    const c = await roles[role]();
    await c.send(frame(0x2, Buffer.from([0xff, 0xfe, 0xed, 0xa0, 0x80]), { mask: c.mask }));
    expect((await receive(c.ws, 16)).r.Count).toBe(5);
  });
});

describe.each(roleNames)('RFC 6455 §5.5.1 UTF-8 in close reasons: %s', (role) => {
  it.each(['', 'bye', '안녕히 가세요', '🎉'.repeat(30)])('reads the reason %j', async (reason) => {
    const c = await roles[role]();
    await c.send(frame(0x8, closeBody(1000, reason), { mask: c.mask }));
    const { r } = await receive(c.ws, 16);
    expect([r.MessageType, r.CloseStatus.Value, r.CloseStatusDescription]).toEqual([WebSocketMessageType.Close, 1000, reason]);
  });

  it('faults on a reason that is not UTF-8', async () => {
    const c = await roles[role]();
    await c.send(frame(0x8, Buffer.concat([closeBody(1000, 'ok'), Buffer.from([0xff])]), { mask: c.mask }));
    const { error: err, received } = await receiveUntilFault(c.ws);
    expect(received, 'results before the fault').toEqual([]);
    expect(err).toBeInstanceOf(WebSocketException);
    expect((err as WebSocketException).WebSocketErrorCode).toBe(WebSocketError.Faulted);
    expect((err as WebSocketException).message).toBe(dotnetMessage('net_Websockets_WebSocketBaseFaulted'));
    expect(c.ws.CloseStatus.HasValue).toBe(false);
  });

  // docs/behaviour.md#protocol-errors: an invalid close reason → CloseWithReceiveErrorAndThrowAsync(ProtocolError).
  it('answers a reason that is not UTF-8 with 1002', async () => {
    const c = await roles[role]();
    await c.send(frame(0x8, Buffer.concat([closeBody(1000), Buffer.from([0xc0, 0xaf])]), { mask: c.mask }));
    const { error, received } = await receiveUntilFault(c.ws);
    expect([received, error]).toEqual([[], expect.any(WebSocketException)]);
    expect(closeCode(await nextClose(c.frames))).toBe(1002);
  });
});
