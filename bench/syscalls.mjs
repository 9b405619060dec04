// System calls of a process counted with `perf stat` on the syscall tracepoints (root, and perf from
// apt-get linux-perf): used by bench/rtt-counts.mjs and bench/rtt-server.mjs.
import { spawn } from 'node:child_process';
import { once } from 'node:events';

/** The calls a round trip makes: reads, writes, the event loop's waits, and the threads' futex. */
export const SYSCALLS = ['read', 'write', 'writev', 'epoll_pwait', 'epoll_wait', 'epoll_ctl', 'futex'];

/** Starts counting {@link SYSCALLS} of `pid` (all its threads); stop() resolves with { name: count } of those made. */
export function countSyscalls(pid) {
  const events = SYSCALLS.map((name) => `syscalls:sys_enter_${name}`).join(',');
  const perf = spawn('perf', ['stat', '-x,', '-e', events, '-p', String(pid)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let text = '';
  perf.stderr.on('data', (chunk) => (text += chunk));
  return {
    async stop() {
      perf.kill('SIGINT');
      await once(perf, 'close');
      const counts = {};
      for (const line of text.split('\n')) {
        const [count, , event] = line.split(',');
        const name = event?.replace('syscalls:sys_enter_', '');
        if (SYSCALLS.includes(name) && Number(count) > 0) counts[name] = Number(count);
      }
      return counts;
    },
  };
}
