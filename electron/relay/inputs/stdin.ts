/**
 * The `stdin` input: NDJSON on standard input (event-lines.ts), e.g. a studio's scraper piped
 * into `luopan relay --input stdin`. Lines are committed in order; a line that cannot be taken is
 * logged as `stdin line N: reason` and counted, the others are kept. Reading pauses while
 * HIGH_WATER events wait for the spool (a full disk), so memory stays bounded; at the end of
 * input the relay keeps serving what it holds.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parseEventLine } from '../event-lines';
import type { Intake, Submission } from '../intake';
import { InputQueue } from '../input-queue';
import type { InputStats } from '../input-stats';

const HIGH_WATER = 20_000;

export interface StdinInput {
  /** resolves at the end of input, once every line read is committed or refused */
  ended: Promise<void>;
  close(): void;
}

export function startStdinInput(stream: Readable, intake: Intake, stats: InputStats): StdinInput {
  const lineOf = new WeakMap<Submission, number>();
  const queue = new InputQueue(intake, stats, {
    onOutcome: (item, o) => {
      if (!o.ok) stats.log(`line ${lineOf.get(item) ?? '?'}: ${o.reason}`);
    },
  });
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  let n = 0;
  stats.setState('listening');
  rl.on('line', (text) => {
    n++;
    if (text.trim() === '') return;
    stats.received++;
    const v = parseEventLine(text);
    if (!v.ok) {
      stats.rejects.add('bad_line', 1, `line ${n}: ${v.reason}`);
      return;
    }
    lineOf.set(v.submission, n);
    queue.push([v.submission]);
    if (queue.size >= HIGH_WATER) {
      rl.pause();
      void queue.drained().then(() => rl.resume());
    }
  });
  const ended = new Promise<void>((resolve) =>
    rl.once('close', () => {
      void queue.drained().then(() => {
        stats.setState('ended', `${n} lines`);
        resolve();
      });
    }),
  );
  return {
    ended,
    close: () => {
      rl.close();
      queue.close();
    },
  };
}
