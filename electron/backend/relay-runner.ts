/**
 * A `luopan relay` run by the engine for the console ("start a relay with chosen inputs"). It
 * runs in the engine's own process, not as a child process: in the desktop app the engine uses
 * the Electron-ABI build of better-sqlite3, which a plain Node child could not load, and the
 * engine passes it on (`nativeBinding`). The spool is relay-spool.db beside the store; the relay
 * listens on 127.0.0.1:7100 (any free port when that is taken). The chosen inputs are kept in
 * kv `relay.run`, so the relay starts again with the engine until the console stops it.
 */
import { join, dirname } from 'node:path';
import type { RelayFigures, RelayState } from '../../shared/api/contract';
import { errorLine } from '../../shared/text/error-line';
import { DEFAULT_RELAY_PORT } from '../relay/defaults';
import { parseInputSpec } from '../relay/input-spec';
import { startRelay, type Relay, type RelayStatus } from '../relay/relay';
import type { KvAccess } from '../engine/preferences';
import type { Logger } from '../runtime/logger';

const KV_KEY = 'relay.run';

export interface RelayRunnerOptions {
  dbFile: string;
  kv: KvAccess;
  log: Logger;
  nativeBinding?: string;
  /** TEST ONLY: the port to try first (default 7100) */
  port?: number;
}

export class RelayRunner {
  private relay: Relay | null = null;
  private inputs: string[] = [];
  private error: string | null = null;

  constructor(private readonly opts: RelayRunnerOptions) {}

  state(): RelayState {
    return { running: this.relay !== null, url: this.relay?.url ?? null, inputs: [...this.inputs], error: this.error, figures: this.relay ? figuresOf(this.relay.status()) : null };
  }

  /** The inputs a previous run left in kv (to start again with the engine), or null. */
  remembered(): string[] | null {
    const v = this.opts.kv.get(KV_KEY);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') && v.length ? (v as string[]) : null;
  }

  /** Start (or restart) with these inputs; a bad input or a failed start throws one line and leaves it stopped. */
  async start(inputs: string[]): Promise<RelayState> {
    const specs = inputs.map((i) => parseInputSpec(i.trim()));
    if (specs.some((s) => s.kind === 'stdin')) throw new Error('--input stdin needs a terminal: start `luopan relay` yourself for it');
    await this.stop(false);
    const file = join(dirname(this.opts.dbFile), 'relay-spool.db');
    const common = { db: file, host: '127.0.0.1', inputs: specs, nativeBinding: this.opts.nativeBinding, logger: (l: string) => this.opts.log(`relay: ${l}`) };
    try {
      try {
        this.relay = await startRelay({ ...common, port: this.opts.port ?? DEFAULT_RELAY_PORT });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
        this.relay = await startRelay({ ...common, port: 0 });
      }
    } catch (err) {
      this.error = errorLine(err);
      throw new Error(this.error);
    }
    this.inputs = inputs.map((i) => i.trim());
    this.error = null;
    this.opts.kv.put(KV_KEY, this.inputs);
    return this.state();
  }

  /** Stop it; `forget` (the console's stop) also keeps it from starting with the next engine. */
  async stop(forget = true): Promise<RelayState> {
    const r = this.relay;
    this.relay = null;
    await r?.close();
    if (forget) {
      this.opts.kv.put(KV_KEY, null);
      this.inputs = [];
    }
    return this.state();
  }
}

function figuresOf(st: RelayStatus): RelayFigures {
  return {
    sessions: st.sessions.length,
    liveSessions: st.sessions.filter((s) => !s.ended).length,
    events: st.sessions.reduce((a, s) => a + s.lastSeq, 0),
    clients: st.clients,
    inputs: st.inputs.map((i) => ({ name: i.name, state: i.state, received: i.received, accepted: i.accepted, rejected: Object.values(i.rejected).reduce((a, b) => a + b, 0) })),
  };
}
