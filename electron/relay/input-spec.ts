/**
 * `KIND[=ADDRESS]` — how an input is named on the command line (`--input`) and in the console's
 * relay form: http, stdin, douyinlive=ws://…/ws/ID, barrage=ws://…, doudian, qianchuan.
 */
import { liveIdOf } from './inputs/capture';
import type { InputSpec } from './relay';

export const INPUT_KINDS = 'http, stdin, douyinlive=ws://…/ws/ID, barrage=ws://…, doudian, qianchuan';

/** An input named wrongly; the message is one line naming what is wrong. */
export class InputSpecError extends Error {}

export function parseInputSpec(spec: string): InputSpec {
  const eq = spec.indexOf('=');
  const kind = eq < 0 ? spec : spec.slice(0, eq);
  const address = eq < 0 ? undefined : spec.slice(eq + 1);
  switch (kind) {
    case 'http':
    case 'stdin':
      if (address !== undefined) throw new InputSpecError(`--input ${kind} takes no address, got "${spec.slice(0, 100)}"`);
      return { kind };
    case 'douyinlive':
    case 'barrage': {
      const example = kind === 'douyinlive' ? 'douyinlive=ws://127.0.0.1:1088/ws/LIVE_ID' : 'barrage=ws://127.0.0.1:8888';
      let url: URL | null = null;
      try {
        url = address ? new URL(address) : null;
      } catch {
        // reported below
      }
      if (!url || (url.protocol !== 'ws:' && url.protocol !== 'wss:')) throw new InputSpecError(`--input ${kind} needs a ws:// address, e.g. ${example}`);
      if (kind === 'douyinlive' && !liveIdOf(url.href)) throw new InputSpecError(`--input douyinlive needs the live id in the path, e.g. ${example}`);
      return { kind, url: url.href };
    }
    case 'doudian':
    case 'qianchuan':
      if (address !== undefined) throw new InputSpecError(`--input ${kind} takes no address (its settings come from the environment and --config), got "${spec.slice(0, 100)}"`);
      return { kind };
    default:
      throw new InputSpecError(`--input: unknown input "${kind.slice(0, 40)}" (${INPUT_KINDS})`);
  }
}
