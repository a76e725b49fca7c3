/**
 * Roll-ups (明细): a session's facts and their sums per room, shop, talent or agency — the rows
 * of `luopan rollup` and of the app's 明细 screen (docs/cli.md). Pure: the facts come from the
 * session's stored events folded by the live aggregator (electron/history/session-facts.ts), so
 * every figure of a row is a sum of figures the live screen showed.
 *
 * Definitions (per key, over the sessions started in the range):
 * - sessions: how many; liveSeconds: Σ (endedAt, or the newest event time of a live session,
 *   − startedAt); gmv, orders, buyers, uv, newFollowers, commission: Σ of the sessions' live
 *   figures (buyers and uv are per-session counts summed: the same person in two sessions counts
 *   twice — rooms do not share user ids);
 * - agencyShare: Σ of what the sessions' agencies get (shared/aggregate/commission.ts); under
 *   `by agency`, only that agency's own part;
 * - by room: key roomId, name the title of its newest session; by shop: shop id and name; by
 *   talent: the host of talent-hosted sessions only (self-hosted anchors are not talents); by
 *   agency: every agency bound to a session's host or shop (a session bound to two agencies
 *   counts under both). Rows by GMV, highest first, then key.
 */
import { agencyParts } from '../aggregate/commission';
import type { RoomView } from '../viewmodel/room';

export const ROLLUP_BY = ['room', 'shop', 'talent', 'agency'] as const;
export type RollupBy = (typeof ROLLUP_BY)[number];

/** One row of a roll-up (money in fen) — the JSON of `luopan rollup --json`, exactly. */
export interface RollupRow {
  key: string;
  name: string;
  sessions: number;
  liveSeconds: number;
  gmv: number;
  orders: number;
  buyers: number;
  uv: number;
  newFollowers: number;
  commission: number;
  agencyShare: number;
}

/** Bump when SessionFacts changes: cached facts of another version are recomputed. */
export const FACTS_VERSION = 1;

/** What a roll-up needs of one session. */
export interface SessionFacts {
  version: number;
  sessionId: string;
  roomId: string;
  title: string;
  startedAt: number;
  endedAt: number | null;
  liveSeconds: number;
  shop: { id: string; name: string };
  host: { id: string; name: string; kind: 'self' | 'talent' };
  /** each bound agency's part of the commission (host's agency first) */
  agencies: { id: string; name: string; part: number }[];
  gmv: number;
  orders: number;
  buyers: number;
  uv: number;
  newFollowers: number;
  commission: number;
  agencyShare: number;
}

const n = (v: number | null | undefined): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** A session's facts from its view (the live aggregator's, after its stored events). */
export function factsOf(view: RoomView): SessionFacts {
  const { info, figures } = view;
  const end = info.endedAt ?? view.eventTime;
  const commission = n(figures.commission);
  return {
    version: FACTS_VERSION,
    sessionId: info.sessionId,
    roomId: info.roomId,
    title: info.title,
    startedAt: info.startedAt,
    endedAt: info.endedAt,
    liveSeconds: info.startedAt > 0 ? Math.max(0, Math.round((end - info.startedAt) / 1000)) : 0,
    shop: { id: info.shop.id, name: info.shop.name },
    host: { id: info.host.id, name: info.host.name, kind: info.host.kind },
    agencies: agencyParts(commission, info.host, info.shop).map((p) => ({ id: p.agency.id, name: p.agency.name, part: p.part })),
    gmv: n(figures.gmv),
    orders: n(figures.orders),
    buyers: n(figures.buyers),
    uv: n(figures.uv),
    newFollowers: n(figures.new_followers),
    commission,
    agencyShare: n(figures.agency_share),
  };
}

/** The keys (with names) a session counts under, and the agency share it brings to each. */
function keysOf(f: SessionFacts, by: RollupBy): { key: string; name: string; agencyShare: number }[] {
  switch (by) {
    case 'room':
      return f.roomId ? [{ key: f.roomId, name: f.title || f.roomId, agencyShare: f.agencyShare }] : [];
    case 'shop':
      return f.shop.id ? [{ key: f.shop.id, name: f.shop.name || f.shop.id, agencyShare: f.agencyShare }] : [];
    case 'talent':
      return f.host.kind === 'talent' && f.host.id ? [{ key: f.host.id, name: f.host.name || f.host.id, agencyShare: f.agencyShare }] : [];
    case 'agency': {
      const out = new Map<string, { key: string; name: string; agencyShare: number }>();
      for (const a of f.agencies) {
        const row = out.get(a.id) ?? { key: a.id, name: a.name || a.id, agencyShare: 0 };
        row.agencyShare += a.part; // bound to both host and shop: both parts
        out.set(a.id, row);
      }
      return [...out.values()];
    }
  }
}

/** Sum sessions' facts per key. `facts` newest first keeps the newest session's name for a room. */
export function groupFacts(facts: readonly SessionFacts[], by: RollupBy): RollupRow[] {
  const rows = new Map<string, RollupRow & { newest: number }>();
  for (const f of facts) {
    for (const k of keysOf(f, by)) {
      let row = rows.get(k.key);
      if (!row) {
        row = { key: k.key, name: k.name, sessions: 0, liveSeconds: 0, gmv: 0, orders: 0, buyers: 0, uv: 0, newFollowers: 0, commission: 0, agencyShare: 0, newest: f.startedAt };
        rows.set(k.key, row);
      } else if (f.startedAt > row.newest) {
        row.name = k.name;
        row.newest = f.startedAt;
      }
      row.sessions++;
      row.liveSeconds += f.liveSeconds;
      row.gmv += f.gmv;
      row.orders += f.orders;
      row.buyers += f.buyers;
      row.uv += f.uv;
      row.newFollowers += f.newFollowers;
      row.commission += f.commission;
      row.agencyShare += k.agencyShare;
    }
  }
  return [...rows.values()]
    .map(({ newest: _newest, ...row }) => row)
    .sort((a, b) => b.gmv - a.gmv || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** A role's view (`?shop=` / `?talent=` / `?agency=`): whose sessions a roll-up counts. */
export interface RollupRole {
  kind: 'shop' | 'talent' | 'agency';
  id: string;
}

/**
 * The facts a role sees — a merchant the shop's sessions, a talent the sessions they hosted, an
 * agency those whose host or shop it bound — with, for an agency, the agency share narrowed to
 * its own part (what it is paid, not what every bound agency is paid).
 */
export function factsInRole(facts: readonly SessionFacts[], role: RollupRole | undefined): SessionFacts[] {
  if (!role) return [...facts];
  switch (role.kind) {
    case 'shop':
      return facts.filter((f) => f.shop.id === role.id);
    case 'talent':
      return facts.filter((f) => f.host.id === role.id);
    case 'agency':
      return facts
        .filter((f) => f.agencies.some((a) => a.id === role.id))
        .map((f) => ({ ...f, agencyShare: f.agencies.reduce((s, a) => s + (a.id === role.id ? a.part : 0), 0) }));
  }
}
