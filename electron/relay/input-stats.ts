/**
 * What one input did, for the relay's status line and `GET /status`: messages received, events
 * accepted, duplicates, and every rejection counted by a short reason with a rate-limited log
 * line (the engine's RejectLog), so a tool sending garbage fills neither the log nor memory.
 */
import { RejectLog } from '../engine/reject-log';
import type { Logger } from '../runtime/logger';

export type InputState = 'starting' | 'connected' | 'retrying' | 'listening' | 'ended' | 'failed';

export interface InputSnapshot {
  name: string;
  state: InputState;
  received: number;
  accepted: number;
  duplicates: number;
  ignored: number;
  rejected: Record<string, number>;
  detail: string | null;
}

export class InputStats {
  state: InputState = 'starting';
  received = 0;
  accepted = 0;
  duplicates = 0;
  /** well-formed messages the relay has no use for (a rank list, a banner, a like of 0 …) */
  ignored = 0;
  /** the last thing worth saying about the state (why it is retrying …) */
  detail: string | null = null;
  readonly rejects: RejectLog;

  constructor(
    readonly name: string,
    private readonly logger: Logger,
  ) {
    this.rejects = new RejectLog((line) => logger(`${name}: ${line}`));
  }

  /** One line about this input on the relay's log. */
  log(line: string): void {
    this.logger(`${this.name}: ${line}`);
  }

  setState(state: InputState, detail: string | null = null): void {
    if (state !== this.state || detail !== this.detail) {
      this.state = state;
      this.detail = detail;
      this.log(detail ? `${state} (${detail})` : state);
    }
  }

  snapshot(): InputSnapshot {
    return { name: this.name, state: this.state, received: this.received, accepted: this.accepted, duplicates: this.duplicates, ignored: this.ignored, rejected: this.rejects.snapshot(), detail: this.detail };
  }

  /** `barrage connected · 1200 in · 1180 events · 3 rejected` */
  statusText(): string {
    const rejected = Object.values(this.rejects.snapshot()).reduce((a, b) => a + b, 0);
    return `${this.name} ${this.state} · ${this.received} in · ${this.accepted} events${this.duplicates ? ` · ${this.duplicates} dup` : ''}${this.ignored ? ` · ${this.ignored} ignored` : ''}${rejected ? ` · ${rejected} rejected` : ''}`;
  }
}
