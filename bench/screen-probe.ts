/**
 * What the screen benchmark installs in each page before the app loads (as a plain script
 * string: tsx's transform of a function could reference helpers the page does not have).
 *
 * - PV as shown: a MutationObserver on `[data-metric="pv"]` (attribute `data-value` only).
 *   The app updates the DOM inside its own requestAnimationFrame callback; the observer's
 *   callback runs right after (a microtask), and asks for one more animation frame. That frame
 *   starts after the previous one was rendered, so its timestamp
 *   (`performance.timeOrigin + performance.now()`, wall-clock ms) is the moment the new value
 *   was on screen (at most one frame late, never early). Samples: `[value, at]`.
 *   The element is looked up again every 500 ms in case the app replaced it.
 * - Long animation frames: PerformanceObserver('long-animation-frame') — Chromium reports
 *   frames > 50 ms only, which is exactly the "long frame" count. Kept with their longest
 *   scripts (source, function, ms) to say where the time went.
 */
export const PROBE_SCRIPT = `(() => {
  const probe = { samples: [], loaf: [], observed: 0 };
  window.__benchProbe = probe;
  let el = null, obs = null, last = null;
  const record = () => {
    const v = el && el.getAttribute('data-value');
    if (v === null || v === '' || v === last) return;
    last = v;
    requestAnimationFrame(() => probe.samples.push([Number(v), performance.timeOrigin + performance.now()]));
  };
  const attach = () => {
    const now = document.querySelector('[data-metric="pv"]');
    if (now === el) return;
    if (obs) obs.disconnect();
    el = now;
    if (!el) return;
    probe.observed++;
    obs = new MutationObserver(record);
    obs.observe(el, { attributes: true, attributeFilter: ['data-value'] });
    record();
  };
  setInterval(attach, 500);
  document.addEventListener('DOMContentLoaded', attach);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const scripts = (e.scripts || []).map((s) => ({ src: (s.sourceURL || '').split('/').pop(), fn: s.sourceFunctionName, invoker: s.invoker, ms: Math.round(s.duration) }))
          .sort((a, b) => b.ms - a.ms).slice(0, 3);
        probe.loaf.push({ at: performance.timeOrigin + e.startTime, ms: Math.round(e.duration), blockingMs: Math.round(e.blockingDuration), scripts });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch (err) { probe.loafError = String(err); }
})();`;

export interface ProbeData {
  samples: [number, number][];
  loaf: { at: number; ms: number; blockingMs: number; scripts: { src: string; fn: string; invoker: string; ms: number }[] }[];
  observed: number;
  loafError?: string;
}
