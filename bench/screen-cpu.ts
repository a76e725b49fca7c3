/**
 * CPU used during the measured period, from Linux /proc (the bench machine's OS): by a process
 * tree (Chromium: browser, GPU and renderer processes), by single processes (the source, this
 * one), and by the whole machine — so a run says how much of the cores the screens needed and
 * how much went to everything else running at the time. Elsewhere every figure is null.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** clock ticks per second of /proc times (USER_HZ; 100 on every Linux we run on) */
const HZ = 100;

interface ProcTimes {
  ppid: number;
  /** utime + stime, ticks */
  ticks: number;
}

function procTimes(pid: number): ProcTimes | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name is in parentheses and may hold spaces: fields start after the last ')'
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return null;
  }
}

/** CPU seconds so far of `root` and all its descendants (alive now). */
export function treeCpuSeconds(root: number): number | null {
  let pids: number[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return null;
  }
  const children = new Map<number, number[]>();
  const times = new Map<number, number>();
  for (const pid of pids) {
    const t = procTimes(pid);
    if (!t) continue;
    times.set(pid, t.ticks);
    children.set(t.ppid, [...(children.get(t.ppid) ?? []), pid]);
  }
  if (!times.has(root)) return null;
  let ticks = 0;
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop()!;
    ticks += times.get(pid) ?? 0;
    todo.push(...(children.get(pid) ?? []));
  }
  return ticks / HZ;
}

/** Busy and total CPU seconds of the whole machine so far (all cores). */
export function machineCpuSeconds(): { busy: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = line.reduce((s, v) => s + v, 0);
    const idle = (line[3] ?? 0) + (line[4] ?? 0);
    return { busy: (total - idle) / HZ, total: total / HZ };
  } catch {
    return null;
  }
}
