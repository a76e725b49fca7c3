/**
 * A session review from SQLite alone (issue 13): one pass over the session's stored events
 * (SessionScan, the store's one reader) feeding both the one fold of stored events (StoredFold →
 * RoomAggregator, so every headline figure, channel row and portrait is the live screen's) and
 * the review's own definitions (shared/review/session-timeline.ts: minutes, explanation
 * segments, pauses, actions). The room's previous sessions are read the same way for the
 * comparison. An ended session's part is cached as the rollup 'review' keyed by its last seq,
 * so a review page, its exports and every later comparison read it once.
 */
import type Database from 'better-sqlite3';
import { RoomAggregator, StoredFold } from '../../shared/aggregate';
import type { Lang } from '../../shared/i18n/lang';
import { reviewChannels, reviewPortraits } from '../../shared/review/audience';
import { compareSession, DEFAULT_COMPARE, type PastSession } from '../../shared/review/compare';
import { findings } from '../../shared/review/findings';
import { pickFigures } from '../../shared/review/metrics';
import { SessionTimeline, type ActionRec } from '../../shared/review/session-timeline';
import type { ReviewChannel, ReviewExplanation, ReviewFigures, ReviewMark, ReviewMinute, ReviewPage, ReviewPortraits, Span } from '../../shared/review/types';
import { displayText } from '../../shared/text/sanitize';
import { listAlerts } from '../store/alerts';
import { getRollup, putRollup } from '../store/rollups';
import { SessionScan } from '../store/session-scan';
import { getSession, listSessions, type SessionRow } from '../store/sessions';

export const REVIEW_ROLLUP = 'review';
/** Layout of the cached part: another version is recomputed. */
export const REVIEW_VERSION = 1;

/** What one session contributes to any review: its own figures and series. */
export interface SessionPart {
  version: typeof REVIEW_VERSION;
  sessionId: string;
  roomId: string;
  startedAt: number;
  endedAt: number | null;
  effectiveEnd: number;
  figures: ReviewFigures;
  minutes: ReviewMinute[];
  explanations: ReviewExplanation[];
  channels: ReviewChannel[];
  portraits: ReviewPortraits;
  pauses: Span[];
  actions: ActionRec[];
  titles: Record<string, string>;
}

/** A review that cannot be made: one line for the CLI and the page. */
export class ReviewInputError extends Error {
  constructor(
    readonly code: 'no_session',
    message: string,
  ) {
    super(message);
  }
}

/** Compute a session's part from its stored events up to `upToSeq`, in one pass. */
export function computePart(db: Database.Database, row: SessionRow): SessionPart {
  const agg = new RoomAggregator();
  const timeline = new SessionTimeline();
  const scan = new SessionScan(db, row.sessionId, row.lastSeq, [new StoredFold(agg), timeline]);
  scan.step();
  const view = agg.view();
  const t = timeline.finish(row.startedAt);
  return {
    version: REVIEW_VERSION,
    sessionId: row.sessionId,
    roomId: row.roomId,
    startedAt: t.startedAt,
    endedAt: t.endedAt,
    effectiveEnd: t.effectiveEnd,
    figures: pickFigures(view.figures),
    minutes: t.minutes,
    explanations: t.explanations,
    channels: reviewChannels(view.channels),
    portraits: reviewPortraits(view.portrait.viewers, view.portrait.buyers),
    pauses: t.pauses,
    actions: t.actions,
    titles: t.titles,
  };
}

/** The session's part: cached when current, else computed (and cached once the session ended). */
export function sessionPart(db: Database.Database, row: SessionRow): SessionPart {
  const cached = getRollup(db, row.sessionId, REVIEW_ROLLUP) as { uptoSeq: number; value: SessionPart | null } | null;
  if (cached && cached.uptoSeq >= row.lastSeq && cached.value?.version === REVIEW_VERSION) return cached.value;
  const part = computePart(db, row);
  // a live session grows every second: its part is recomputed on each look, not cached
  if (!db.readonly && row.endedAt !== null) putRollup(db, row.sessionId, REVIEW_ROLLUP, row.lastSeq, part);
  return part;
}

/** The room's ended sessions that started before `row`, newest first (the comparison's candidates). */
export function pastSessions(db: Database.Database, row: SessionRow): SessionRow[] {
  return listSessions(db).filter((s) => s.roomId === row.roomId && s.sessionId !== row.sessionId && s.endedAt !== null && s.startedAt < row.startedAt);
}

export interface ReviewOptions {
  /** sessions in the median (default 7) */
  compare?: number;
  lang: Lang;
}

const LABEL_CHARS = 80;

/** Everything the review page shows of a session; its `review` is the `luopan review --json` object. */
export function reviewSession(db: Database.Database, sessionId: string, opts: ReviewOptions): ReviewPage {
  const row = getSession(db, sessionId);
  if (!row) {
    const id = sessionId.slice(0, 80);
    throw new ReviewInputError('no_session', opts.lang === 'en' ? `no session "${id}"` : `没有场次 "${id}"`);
  }
  const n = opts.compare ?? DEFAULT_COMPARE;
  const part = sessionPart(db, row);
  const live = part.endedAt === null;
  const past: PastSession[] = live ? [] : pastSessions(db, row).slice(0, n).map((s) => ({ sessionId: s.sessionId, figures: sessionPart(db, s).figures }));
  const compare = compareSession(part.figures, past, n, live);
  const at = (ts: number) => Math.max(0, Math.min(part.minutes.length - 1, Math.floor((ts - part.startedAt) / 60_000)));
  const marks: ReviewMark[] = [
    ...listAlerts(db, sessionId).map((a) => ({ ts: a.ts, minute: at(a.ts), kind: 'alert' as const, ref: a.metric, label: displayText(a.message, LABEL_CHARS) })),
    ...part.actions.map((a) => ({ ts: a.ts, minute: at(a.ts), kind: 'action' as const, ref: a.kind, label: displayText(a.text ?? (a.productId ? `${a.kind} ${a.productId}` : a.kind), LABEL_CHARS) })),
  ].sort((a, b) => a.ts - b.ts);
  return {
    review: {
      sessionId: row.sessionId,
      roomId: part.roomId,
      startedAt: part.startedAt,
      endedAt: part.endedAt,
      figures: part.figures,
      minutes: part.minutes,
      explanations: part.explanations,
      channels: part.channels,
      compare,
      findings: findings({ ...part, live, compare, lang: opts.lang }),
    },
    title: row.title,
    hostName: row.hostName,
    shopId: row.shopId,
    hostKind: row.hostKind,
    effectiveEnd: part.effectiveEnd,
    live,
    products: Object.fromEntries(Object.entries(part.titles).map(([k, v]) => [k, displayText(v, LABEL_CHARS)])),
    pauses: part.pauses,
    marks,
    portraits: part.portraits,
    compareN: n,
  };
}
