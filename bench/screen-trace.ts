/**
 * Script time per frame from a Chromium trace (CDP Tracing, categories TRACE_CATEGORIES).
 *
 * Why a trace: the Long Animation Frames API reports only frames > 50 ms, and
 * `Performance.getMetrics` gives a cumulative ScriptDuration that cannot be cut per frame from
 * outside the page (a CDP round trip is longer than a frame). The trace has both what is needed,
 * timed by the renderer itself, on the page's main thread:
 * - frames: the `AnimationFrame` async spans (category devtools.timeline) Chromium emits for every
 *   rendered frame — the same span the LoAF API uses: from the first task after the previous
 *   rendering to the end of this frame's rendering;
 * - script: every JavaScript entry DevTools counts as "Scripting" — FunctionCall, EvaluateScript,
 *   TimerFire, FireAnimationFrame, EventDispatch, RunMicrotasks (promise jobs: Vue's flush, the
 *   socket.io decode), compilation, GC — merged into disjoint intervals, since they nest.
 * Script per frame = the merged script intervals inside the frame's span. Script that ran
 * outside every frame span (a task after which nothing needed rendering) is summed separately.
 * The page is found by a `console.timeStamp(marker)` issued in it while tracing.
 *
 * Script time is wall time, as the target means it (a frame is late whatever made it late). On a
 * machine with more runnable threads than cores, part of it is the page's thread waiting for a
 * core; so the CPU time of the same script (trace `tdur`, thread time, of the outermost script
 * events starting in the frame) is given beside it: what the code costs, not what it waited.
 */
export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'v8.execute'];

const SCRIPT_EVENTS = new Set([
  'FunctionCall', 'EvaluateScript', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'FireIdleCallback',
  'RunMicrotasks', 'v8.compile', 'v8.compileModule', 'v8.evaluateModule', 'v8.run', 'MinorGC', 'MajorGC',
]);

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  /** thread time of an 'X' event, µs */
  tdur?: number;
  id?: string | number;
  id2?: { local?: string; global?: string };
  args?: { data?: { message?: string } };
}

export interface FrameScript {
  /** frames rendered by the page in the traced period */
  frames: number;
  /** script ms in each frame, in order (wall time) */
  scriptMs: number[];
  /** CPU (thread) ms of the script of each frame, same order */
  scriptCpuMs: number[];
  /** script ms that ran outside every frame span */
  outsideMs: number;
  /** traced span, ms */
  spanMs: number;
}

export function parseTrace(buf: Buffer): TraceEvent[] {
  const json = JSON.parse(buf.toString('utf8')) as TraceEvent[] | { traceEvents: TraceEvent[] };
  return Array.isArray(json) ? json : json.traceEvents;
}

/** Script time per frame of the page that issued `console.timeStamp(marker)`; null if not found. */
export function frameScript(events: TraceEvent[], marker: string): FrameScript | null {
  const stamp = events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === marker);
  if (!stamp) return null;
  const { pid, tid } = stamp;
  const open = new Map<string, number>();
  const frames: [number, number][] = [];
  const script: [number, number][] = [];
  /** [start, end, thread µs] of complete ('X') script events, for the CPU figure */
  const scriptCpu: [number, number, number][] = [];
  const stack: number[] = [];
  let first = Infinity;
  let last = -Infinity;
  for (const e of events) {
    if (e.pid !== pid || e.tid !== tid || e.ph === 'M') continue;
    first = Math.min(first, e.ts);
    last = Math.max(last, e.ts + (e.dur ?? 0));
    if (e.name === 'AnimationFrame') {
      const id = String(e.id ?? e.id2?.local ?? e.id2?.global);
      if (e.ph === 'b') open.set(id, e.ts);
      else if (e.ph === 'e' && open.has(id)) {
        frames.push([open.get(id)!, e.ts]);
        open.delete(id);
      }
    } else if (SCRIPT_EVENTS.has(e.name)) {
      if (e.ph === 'X') {
        script.push([e.ts, e.ts + (e.dur ?? 0)]);
        scriptCpu.push([e.ts, e.ts + (e.dur ?? 0), e.tdur ?? 0]);
      }
      else if (e.ph === 'B') stack.push(e.ts);
      else if (e.ph === 'E' && stack.length > 0) script.push([stack.pop()!, e.ts]);
    }
  }
  const merged = mergeIntervals(script);
  frames.sort((a, b) => a[0] - b[0]);
  const scriptMs: number[] = [];
  let inside = 0;
  let j = 0;
  for (const [fs, fe] of frames) {
    while (j < merged.length && merged[j]![1] <= fs) j++;
    let sum = 0;
    for (let k = j; k < merged.length && merged[k]![0] < fe; k++) sum += Math.min(fe, merged[k]![1]) - Math.max(fs, merged[k]![0]);
    scriptMs.push(sum / 1000);
    inside += sum;
  }
  const total = merged.reduce((s, [a, b]) => s + (b - a), 0);
  return { frames: frames.length, scriptMs, scriptCpuMs: cpuPerFrame(frames, scriptCpu), outsideMs: Math.max(0, total - inside) / 1000, spanMs: (last - first) / 1000 };
}

/** Thread time of the outermost script events (nested ones are inside it) by the frame they start in. */
function cpuPerFrame(frames: [number, number][], events: [number, number, number][]): number[] {
  events.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out = frames.map(() => 0);
  let outerEnd = -Infinity;
  let f = 0;
  for (const [start, end, cpu] of events) {
    if (start < outerEnd) continue;
    outerEnd = end;
    while (f < frames.length && frames[f]![1] <= start) f++;
    if (f < frames.length && frames[f]![0] <= start) out[f]! += cpu / 1000;
  }
  return out;
}

function mergeIntervals(xs: [number, number][]): [number, number][] {
  xs.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of xs) {
    const top = out[out.length - 1];
    if (top && s <= top[1]) top[1] = Math.max(top[1], e);
    else out.push([s, e]);
  }
  return out;
}
