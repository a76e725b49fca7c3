/**
 * The console's audible alert: two short WebAudio tones (no sound file to ship or load). A
 * browser may keep the AudioContext suspended until the page was clicked; the beep then stays
 * silent, and the log still shows the alert.
 */
let ctx: AudioContext | null = null;

export function beep(): boolean {
  try {
    ctx ??= new AudioContext();
    if (ctx.state === 'suspended') void ctx.resume();
    const t = ctx.currentTime;
    for (const [start, freq] of [[0, 880], [0.22, 1175]] as const) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, t + start);
      gain.gain.exponentialRampToValueAtTime(0.3, t + start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + start + 0.18);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t + start);
      osc.stop(t + start + 0.2);
    }
    return true;
  } catch {
    return false; // no audio device or API: the log is the alert
  }
}

const MUTED_KEY = 'luopan.alertSoundMuted';

export function loadMuted(): boolean {
  try {
    return localStorage.getItem(MUTED_KEY) === '1';
  } catch {
    return false;
  }
}

export function saveMuted(muted: boolean): void {
  try {
    localStorage.setItem(MUTED_KEY, muted ? '1' : '0');
  } catch {
    /* not remembered: fine */
  }
}
