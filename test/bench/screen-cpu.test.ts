/** CPU of a process tree and of the machine from /proc, as bench:screen reports it. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { machineCpuSeconds, treeCpuSeconds } from '../../bench/screen-cpu';

describe('screen-cpu', () => {
  it('counts a child’s CPU in its parent’s tree', async () => {
    // a child that burns ~0.4 s of CPU, says so, then waits to be ended (the tree counts live processes)
    const child = spawn(process.execPath, ['-e', 'const t = process.cpuUsage(); while (process.cpuUsage(t).user < 400e3); console.log("done"); setInterval(() => {}, 1000);'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await once(child, 'spawn');
      const before = treeCpuSeconds(process.pid)!;
      const childBefore = treeCpuSeconds(child.pid!)!;
      await once(child.stdout!, 'data');
      const after = treeCpuSeconds(process.pid)!;
      const childAfter = treeCpuSeconds(child.pid!)!;
      expect(childAfter - childBefore).toBeGreaterThanOrEqual(0.3);
      // one tick of slack: the two trees are read one after the other
      expect(after - before).toBeGreaterThanOrEqual(childAfter - childBefore - 0.011);
    } finally {
      child.kill();
    }
  });

  it('includes the process itself; an unknown pid is null', () => {
    const own = process.cpuUsage();
    // /proc counts in 10 ms ticks
    expect(treeCpuSeconds(process.pid)!).toBeGreaterThanOrEqual((own.user + own.system) / 1e6 - 0.05);
    expect(treeCpuSeconds(2 ** 31 - 1)).toBeNull();
  });

  it('the machine is never busier than all its cores', () => {
    const m = machineCpuSeconds()!;
    expect(m.busy).toBeGreaterThan(0);
    expect(m.busy).toBeLessThanOrEqual(m.total);
  });
});
