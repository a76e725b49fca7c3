/**
 * The marks on a replay's timeline, read once when the replay opens — the aggregator's own
 * markers only reach as far as the position, the timeline shows the show from start to end:
 * every product explanation (start and end) from the stored events, every alert that fired
 * while the session was live (the alerts table, electron/store/alerts.ts), and every studio
 * action the stream carried (`action` events: giveaways, coupons, price changes …).
 *
 * Explanation rule as in the aggregator: one product at a time, so a start while another is
 * explained ends the other; a second start of the product being explained is ignored.
 */
import type Database from 'better-sqlite3';
import type { ReplayMarker } from '../../shared/api/contract';
import type { Marker } from '../../shared/viewmodel/room';
import { displayText } from '../../shared/text/sanitize';
import { listAlerts } from '../store/alerts';
import { eventsOfTypes } from '../store/events';
import type { Timeline } from './timeline';

const MAX_MARKERS = 2000;
const LABEL_CHARS = 40;

interface ExplainBody { productId?: unknown; state?: unknown }
interface ListBody { products?: { productId?: unknown; title?: unknown }[] }

export function explanationMarkers(db: Database.Database, timeline: Timeline): ReplayMarker[] {
  const rows = eventsOfTypes(db, timeline.sessionId, ['product.list', 'product.explain']).map(([, ts, type, body]) => ({ ts, type, body }));
  const titles = new Map<string, string>();
  const markers: ReplayMarker[] = [];
  let explaining: string | null = null;
  const at = (ts: number) => Math.min(timeline.durationMs, Math.max(0, ts - timeline.startedAt));
  const add = (ts: number, productId: string, state: 'start' | 'end') => {
    if (markers.length >= MAX_MARKERS) return;
    const label = displayText(titles.get(productId) ?? productId, LABEL_CHARS);
    markers.push({ positionMs: at(ts), kind: 'explain', ref: productId, label, state });
  };
  for (const row of rows) {
    let body: unknown;
    try {
      body = JSON.parse(row.body);
    } catch {
      continue;
    }
    if (row.type === 'product.list') {
      for (const p of (body as ListBody).products ?? []) {
        if (typeof p?.productId === 'string' && typeof p.title === 'string') titles.set(p.productId, p.title);
      }
      continue;
    }
    const { productId, state } = body as ExplainBody;
    if (typeof productId !== 'string') continue;
    if (state === 'start' && explaining !== productId) {
      if (explaining !== null) add(row.ts, explaining, 'end');
      explaining = productId;
      add(row.ts, productId, 'start');
    } else if (state === 'end' && explaining === productId) {
      explaining = null;
      add(row.ts, productId, 'end');
    }
  }
  return markers;
}

/** The alerts that fired during the session, oldest first, as the live engine marked them on the room. */
export function storedAlerts(db: Database.Database, sessionId: string): Marker[] {
  return listAlerts(db, sessionId)
    .map((a) => ({ ts: a.ts, kind: 'alert' as const, ref: a.ruleId, label: a.message }))
    .sort((a, b) => a.ts - b.ts);
}

/** The alerts that fired during the session, on the show timeline. */
export function alertMarkers(alerts: Marker[], timeline: Timeline): ReplayMarker[] {
  return alerts.slice(0, MAX_MARKERS).map((a) => ({
    positionMs: Math.min(timeline.durationMs, Math.max(0, a.ts - timeline.startedAt)),
    kind: 'alert' as const,
    ref: a.ref,
    label: displayText(a.label, LABEL_CHARS * 2),
  }));
}

interface ActionBody { kind?: unknown; text?: unknown; productId?: unknown }

/** The stream's `action` events on the show timeline, labelled with their text (or kind and product). */
export function actionMarkers(db: Database.Database, timeline: Timeline): ReplayMarker[] {
  const out: ReplayMarker[] = [];
  for (const [, ts, , body] of eventsOfTypes(db, timeline.sessionId, ['action'])) {
    if (out.length >= MAX_MARKERS) break;
    let a: ActionBody;
    try {
      a = JSON.parse(body) as ActionBody;
    } catch {
      continue;
    }
    const kind = typeof a.kind === 'string' ? a.kind : 'note';
    const text = typeof a.text === 'string' && a.text ? a.text : typeof a.productId === 'string' ? `${kind} ${a.productId}` : kind;
    out.push({ positionMs: Math.min(timeline.durationMs, Math.max(0, ts - timeline.startedAt)), kind: 'action', ref: kind, label: displayText(text, LABEL_CHARS) });
  }
  return out;
}

/** Every marker of the timeline, in show-time order. */
export function timelineMarkers(db: Database.Database, timeline: Timeline, alerts: Marker[]): ReplayMarker[] {
  return [...explanationMarkers(db, timeline), ...alertMarkers(alerts, timeline), ...actionMarkers(db, timeline)].sort((a, b) => a.positionMs - b.positionMs);
}
