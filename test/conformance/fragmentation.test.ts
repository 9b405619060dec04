// RFC 6455 §5.4 fragmentation, for every role: control frames between fragments, a 4 MiB message in
// 64-byte fragments (ws's default maxFragments would refuse it; .NET has no such limit), empty fragments,
// continuation errors, frame boundaries kept in results. See docs/behaviour.md#protocol-errors, docs/behaviour.md#partial-reads.
import { describe, expect, it } from 'vitest';
import { ArraySegment } from '../../src/System/ArraySegment.js';
import { OperationCanceledException } from '../../src/System/OperationCanceledException.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import { WebSocketState } from '../../src/System.Net.WebSockets/WebSocketState.js';
import { closeBody, frame } from '../helpers/peers.js';
import { expectFailure, fragmentFirst, receive, receiveMessage, roleNames, roles } from './roles.js';

describe.each(roleNames)('RFC 6455 §5.4 fragmentation: %s', (role) => {
  it('returns one result per fragment, each carrying the type of the first frame', async () => {
    const c = await roles[role]();
    await c.send(
      Buffer.concat([
        frame(0x2, Buffer.from([1]), { fin: false, mask: c.mask }),
        frame(0x0, Buffer.from([2, 3]), { fin: false, mask: c.mask }),
        frame(0x0, Buffer.from([4, 5, 6]), { mask: c.mask }),
      ]),
    );
    const seen: Array<[number, WebSocketMessageType, boolean]> = [];
    for (let i = 0; i < 3; i++) {
      const { r } = await receive(c.ws, 100);
      seen.push([r.Count, r.MessageType, r.EndOfMessage]);
    }
    expect(seen).toEqual([
      [1, WebSocketMessageType.Binary, false],
      [2, WebSocketMessageType.Binary, false],
      [3, WebSocketMessageType.Binary, true],
    ]);
  });

  it('answers a ping between fragments and keeps the message whole', async () => {
    const c = await roles[role]();
    await c.send(
      Buffer.concat([
        frame(0x1, 'frag', { fin: false, mask: c.mask }),
        frame(0x9, 'mid', { mask: c.mask }),
        frame(0x0, 'men', { fin: false, mask: c.mask }),
        frame(0xa, 'unasked', { mask: c.mask }),
        frame(0x0, 'ted', { mask: c.mask }),
      ]),
    );
    const m = await receiveMessage(c.ws, 100);
    expect([m.type, m.data.toString(), m.pieces]).toEqual([
      WebSocketMessageType.Text,
      'fragmented',
      [
        [4, false],
        [3, false],
        [3, true],
      ],
    ]);
    const pong = await c.frames.next();
    expect([pong!.opcode, pong!.payload.toString()]).toEqual([0xa, 'mid']);
  });

  it('takes a 4 MiB message in 64-byte fragments with a ping every 4096 fragments', async () => {
    const c = await roles[role]();
    const total = 4 * 1024 * 1024;
    const parts: Buffer[] = [];
    for (let at = 0, i = 0; at < total; at += 64, i++) {
      const chunk = Buffer.alloc(64, i & 0xff);
      parts.push(frame(at === 0 ? 0x2 : 0x0, chunk, { fin: at + 64 === total, mask: c.mask }));
      if (i % 4096 === 4095) parts.push(frame(0x9, String(i), { mask: c.mask }));
    }
    void c.send(Buffer.concat(parts));
    let received = 0;
    let pieces = 0;
    let intact = true;
    for (;;) {
      const { r, data } = await receive(c.ws, 64 * 1024);
      if (data.length !== 64 || data[0] !== (pieces & 0xff) || data[63] !== (pieces & 0xff)) intact = false;
      received += r.Count;
      pieces++;
      if (r.EndOfMessage) break;
    }
    expect([received, pieces, intact]).toEqual([total, total / 64, true]);
    // The last ping follows the last fragment: as on .NET, it is answered once a receive reads it.
    const next = c.ws.ReceiveAsync(new ArraySegment(new Uint8Array(16)), CancellationToken.None).catch((e: unknown) => e);
    let pongs = 0;
    for (let i = 0; i < total / 64 / 4096; i++) if ((await c.frames.next())?.opcode === 0xa) pongs++;
    expect(pongs).toBe(total / 64 / 4096);
    c.ws.Abort();
    expect(await next).toBeInstanceOf(OperationCanceledException);
  }, 60_000);

  it('joins a message whose last fragment is empty', async () => {
    const c = await roles[role]();
    await c.send(Buffer.concat([frame(0x1, 'ab', { fin: false, mask: c.mask }), frame(0x0, '', { mask: c.mask })]));
    const m = await receiveMessage(c.ws, 100);
    expect([m.type, m.data.toString(), m.pieces.at(-1)![1]]).toEqual([WebSocketMessageType.Text, 'ab', true]);
  });

  it('joins a message whose first fragment is empty', async () => {
    const c = await roles[role]();
    await c.send(Buffer.concat([frame(0x1, '', { fin: false, mask: c.mask }), frame(0x0, 'ab', { mask: c.mask })]));
    const m = await receiveMessage(c.ws, 100);
    expect([m.type, m.data.toString(), m.pieces.at(-1)]).toEqual([WebSocketMessageType.Text, 'ab', [2, true]]);
  });

  // docs/behaviour.md#partial-reads: a result never spans two frames; an empty final frame is (0, true).
  it('ends a message with an empty final fragment as its own (0, true) result', async () => {
    const c = await roles[role]();
    await c.send(Buffer.concat([frame(0x1, 'ab', { fin: false, mask: c.mask }), frame(0x0, '', { mask: c.mask })]));
    const m = await receiveMessage(c.ws, 100);
    expect([m.data.toString(), m.pieces]).toEqual([
      'ab',
      [
        [2, false],
        [0, true],
      ],
    ]);
  });

  // docs/behaviour.md#partial-reads: .NET returns (0, false) for an empty non-final fragment.
  it('reports an empty non-final fragment as Count 0 without EndOfMessage', async () => {
    const c = await roles[role]();
    await c.send(Buffer.concat([frame(0x1, '', { fin: false, mask: c.mask }), frame(0x0, 'ab', { mask: c.mask })]));
    const m = await receiveMessage(c.ws, 100);
    expect(m.pieces).toEqual([
      [0, false],
      [2, true],
    ]);
  });

  // As .NET does, each fragment is returned as it comes, before the rest of the message has arrived.
  it('returns the first fragment before the rest has arrived', async () => {
    const c = await roles[role]();
    const pending = receive(c.ws, 100);
    // The ping after the fragment is answered only by a later receive: the fragment's result comes first,
    // before the rest of the message was even written.
    await c.send(Buffer.concat([frame(0x1, 'first', { fin: false, mask: c.mask }), frame(0x9, 'probe', { mask: c.mask })]));
    const first = await pending;
    expect([first.data.toString(), first.r.EndOfMessage]).toEqual(['first', false]);
    await c.send(frame(0x0, 'rest', { mask: c.mask }));
    const second = await receive(c.ws, 100);
    expect([second.data.toString(), second.r.EndOfMessage]).toEqual(['rest', true]);
    const pong = await c.frames.next();
    expect([pong?.opcode, pong?.payload.toString()]).toEqual([0xa, 'probe']);
  });

  it('delivers a close frame that arrives between fragments, after the fragments before it', async () => {
    const c = await roles[role]();
    await c.send(
      Buffer.concat([frame(0x1, 'ab', { fin: false, mask: c.mask }), frame(0x8, closeBody(1000, 'mid-message'), { mask: c.mask })]),
    );
    const results: Array<[WebSocketMessageType, boolean]> = [];
    for (;;) {
      const { r } = await receive(c.ws, 100);
      results.push([r.MessageType, r.EndOfMessage]);
      if (r.MessageType === WebSocketMessageType.Close) break;
    }
    expect(results.at(-1)).toEqual([WebSocketMessageType.Close, true]);
    expect([c.ws.State, c.ws.CloseStatus.Value, c.ws.CloseStatusDescription]).toEqual([WebSocketState.CloseReceived, 1000, 'mid-message']);
  });

  it('closes with 1002 for a continuation frame with no message open', async () => {
    const c = await roles[role]();
    await c.send(Buffer.concat([frame(0x1, 'whole', { mask: c.mask }), frame(0x0, 'stray', { mask: c.mask })]));
    expect((await receive(c.ws, 100)).data.toString()).toBe('whole');
    await expectFailure(c, 1002, dotnetMessage('net_Websockets_ContinuationFromFinalFrame'));
  });

  it.each([
    ['text', 0x1],
    ['binary', 0x2],
  ] as const)('closes with 1002 for a new %s frame while a fragmented message is open', async (_name, opcode) => {
    const c = await roles[role]();
    await c.send(Buffer.concat([frame(0x2, 'a', { fin: false, mask: c.mask }), frame(opcode, 'b', { mask: c.mask })]));
    await expectFailure(
      c,
      1002,
      dotnetMessage('net_Websockets_NonContinuationAfterNonFinalFrame'),
      fragmentFirst(WebSocketMessageType.Binary, 'a'),
    );
  });
});
