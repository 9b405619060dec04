// src/engine/frame-sender.ts writing a masked frame longer than one piece (64 KiB) over a real socket
// whose peer reads nothing yet: the frame goes out a piece at a time, control frames written meanwhile
// wait until its last piece is out (RFC 6455 §5.4: never inside a frame), the rest goes at once when the
// stream is about to end, and a stream destroyed in the middle fails the send.
import net from 'node:net';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import { FrameSender } from '../../src/engine/frame-sender.js';
import { ProcessHold } from '../../src/engine/process-hold.js';
import { Opcode } from '../../src/protocol/frame-writer.js';
import { WireRecorder } from '../helpers/raw-frames.js';

const None = CancellationToken.None;
const MiB = 1024 * 1024;
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const f of cleanups.splice(0)) f();
});

/** A client's sender over a socket whose peer (recorded) reads nothing until resumed. */
async function stalledPair() {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const accepted = once(server, 'connection') as Promise<[net.Socket]>;
  const socket = net.connect((server.address() as AddressInfo).port, '127.0.0.1');
  socket.on('error', () => {});
  await once(socket, 'connect');
  const [peer] = await accepted;
  peer.on('error', () => {});
  const wire = new WireRecorder(peer);
  peer.pause();
  const host = { watch: () => null, failure: (err: Error | null | undefined) => err ?? null };
  const sender = new FrameSender(socket, true, true, null, ProcessHold.of(socket, true), host);
  cleanups.push(() => {
    socket.destroy();
    peer.destroy();
    server.close();
  });
  return { socket, peer, wire, sender };
}

/** A payload that differs from byte to byte. */
function payloadOf(length: number): Buffer {
  const b = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) b[i] = (i * 7 + (i >>> 10)) & 0xff;
  return b;
}

/** A send of `length` bytes from the middle of a larger array, and its outcome once it settles. */
function sendLong(sender: FrameSender, length: number) {
  const payload = payloadOf(length);
  const array = Buffer.concat([Buffer.alloc(5, 0xee), payload, Buffer.alloc(3, 0xee)]);
  const outcome = sender.send(Opcode.Binary, true, false, array, 5, length, None).then(
    () => null,
    (err: unknown) => err,
  );
  return { payload, outcome };
}

describe('#send of a masked frame longer than a piece', () => {
  it('holds control frames written meanwhile until its last piece is out', async () => {
    const { peer, wire, sender } = await stalledPair();
    const { payload, outcome } = sendLong(sender, 32 * MiB + 3);
    // The kernel took some pieces; the rest wait for the peer to read.
    expect(sender.writeFrame(Opcode.Pong, true, false, Buffer.from('p1'))).toBe(false);
    expect(sender.writeFrame(Opcode.Ping, true, false, Buffer.from('p2'))).toBe(false);
    peer.resume();
    expect(await outcome).toBeNull();
    const frames = await wire.take(3);
    expect(frames.map((f) => [f.opcode, f.fin, f.masked, f.payload.length])).toEqual([
      [Opcode.Binary, true, true, payload.length],
      [Opcode.Pong, true, true, 2],
      [Opcode.Ping, true, true, 2],
    ]);
    expect([frames[0]!.payload.equals(payload), frames[1]!.payload.toString(), frames[2]!.payload.toString()]).toEqual([true, 'p1', 'p2']);
  });

  it('writes the rest at once, then the frames held, when the stream is about to end', async () => {
    const { socket, peer, wire, sender } = await stalledPair();
    const { payload, outcome } = sendLong(sender, 32 * MiB + 1);
    sender.writeFrame(Opcode.Close, true, false, Buffer.from([0x03, 0xea]));
    sender.finishFrame();
    socket.end();
    peer.resume();
    expect(await outcome).toBeNull();
    const frames = await wire.take(3);
    expect(frames.map((f) => [f.opcode, f.payload.length])).toEqual([
      [Opcode.Binary, payload.length],
      [Opcode.Close, 2],
    ]);
    expect([frames[0]!.payload.equals(payload), frames[1]!.payload.readUInt16BE(0)]).toEqual([true, 1002]);
  });

  it('fails when the stream is destroyed before its last piece', async () => {
    const { socket, sender } = await stalledPair();
    const { outcome } = sendLong(sender, 32 * MiB);
    socket.destroy();
    expect(await outcome).toBeInstanceOf(Error);
    // Later sends fail at once.
    const next = sendLong(sender, 10);
    expect(await next.outcome).toBeInstanceOf(Error);
  });
});
