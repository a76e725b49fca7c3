/**
 * The overview wall's model (pure: no Vue, no DOM — unit-tested as is): which rooms a role sees,
 * which of them are shown (live, paused, or ended within the last 30 minutes), their order, the
 * summed header, and the grid that fits them on the 1920×1080 canvas.
 *
 * Every figure is the room's own view-model figure — the very numbers the live screen shows for
 * that room — so a tile and the live screen can never disagree.
 */
import { agencyParts } from '../../../../shared/aggregate/commission';
import type { RoomInfo, RoomView } from '../../../../shared/viewmodel/room';

/** The view of the same data a role gets (`?shop=` / `?talent=` / `?agency=`, or every room). */
export type Role = { kind: 'all' } | { kind: 'shop' | 'talent' | 'agency'; id: string };
export const ROLE_KINDS = ['shop', 'talent', 'agency'] as const;

/** Ended rooms stay on the wall (已下播) this long after their end. */
export const ENDED_SHOWN_MS = 30 * 60_000;
/** The tile figures, as PRODUCT's metric ids (`data-metric`). */
export const TILE_METRICS = ['gmv', 'online', 'uv', 'orders', 'gpm', 'ad_spend', 'ad_roi'] as const;
export type TileMetric = (typeof TILE_METRICS)[number];
/** What the header sums (`[data-total]`). */
export const TOTAL_METRICS = ['gmv', 'orders', 'uv', 'ad_spend'] as const;
/** Figures a tile can be sorted by: the tile figures, commission and agency share (roles), the 5-minute GMV change. */
export const SORT_KEYS = [...TILE_METRICS, 'commission', 'agency_share', 'gmv_change'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
/** Tiles per page; beyond this the wall pages. */
export const PER_PAGE = 60;

/** The role of a route's query (the first of shop, talent, agency present); `fallback` without one. */
export function roleOf(query: Record<string, unknown>, fallback: Role = { kind: 'all' }): Role {
  for (const kind of ROLE_KINDS) {
    const raw = query[kind];
    const v = Array.isArray(raw) ? raw[0] : raw;
    if (typeof v === 'string' && v.trim() !== '') return { kind, id: v.trim().slice(0, 256) };
  }
  return fallback;
}

/**
 * Whether a room belongs to a role: a merchant sees the shop's rooms (self-hosted and the talents'
 * co-broadcasts on it), a talent the rooms they host across shops, an agency every room whose host
 * or shop it has bound.
 */
export function inRole(info: RoomInfo, role: Role): boolean {
  switch (role.kind) {
    case 'all': return true;
    case 'shop': return info.shop.id === role.id;
    case 'talent': return info.host.id === role.id;
    case 'agency': return info.host.agency?.id === role.id || info.shop.agency?.id === role.id;
  }
}

/** Whether a room is on the wall at `now` (wall-clock ms): live or paused, or ended in the last 30 minutes. */
export function onWall(info: RoomInfo, now: number): boolean {
  if (info.state !== 'ended') return true;
  return info.endedAt === null || now - info.endedAt <= ENDED_SHOWN_MS;
}

/**
 * The view keys of the rooms a role sees on the wall (replays are not rooms): one per room, its
 * newest session — the one a screen pinned with `?room=<roomId>` shows (live-model pickRoom), so
 * a tile and the screen it opens show the same session.
 */
export function wallKeys(views: Record<string, RoomView>, role: Role, now: number): string[] {
  const newest = new Map<string, string>();
  for (const k of Object.keys(views)) {
    const info = views[k]?.info;
    if (k.startsWith('replay:') || !info) continue;
    const room = info.roomId || info.sessionId || k;
    const held = newest.get(room);
    if (held === undefined || info.startedAt > views[held]!.info.startedAt) newest.set(room, k);
  }
  return [...newest.values()].filter((k) => inRole(views[k]!.info, role) && onWall(views[k]!.info, now));
}

/** The agency share a role is interested in: an agency's own part; everyone else the room's total. */
export function agencyShareFor(view: RoomView, role: Role): number | null {
  const commission = view.figures.commission;
  if (commission === null || commission === undefined) return null;
  if (role.kind !== 'agency') return view.figures.agency_share ?? null;
  let part = 0;
  for (const p of agencyParts(commission, view.info.host, view.info.shop)) if (p.agency.id === role.id) part += p.part;
  return part;
}

/** A figure a tile is sorted by (null sorts last). */
export function sortValue(view: RoomView, key: SortKey, role: Role): number | null {
  if (key === 'gmv_change') return view.change5m.gmv ?? null;
  if (key === 'agency_share') return agencyShareFor(view, role);
  const v = view.figures[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Keys in wall order: rooms on air before ended ones, then by the figure (desc by default; "—" last), then oldest first. */
export function sortKeys(keys: readonly string[], views: Record<string, RoomView>, key: SortKey, desc: boolean, role: Role): string[] {
  const rows = keys.map((k) => ({ k, v: views[k]!, s: sortValue(views[k]!, key, role), ended: views[k]!.info.state === 'ended' }));
  rows.sort((a, b) => {
    if (a.ended !== b.ended) return a.ended ? 1 : -1;
    if (a.s === null || b.s === null) {
      if (a.s !== b.s) return a.s === null ? 1 : -1;
    } else if (a.s !== b.s) return desc ? b.s - a.s : a.s - b.s;
    return a.v.info.startedAt - b.v.info.startedAt || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0);
  });
  return rows.map((r) => r.k);
}

export interface Totals {
  rooms: number;
  gmv: number;
  orders: number;
  uv: number;
  ad_spend: number;
  commission: number;
  agency_share: number;
}

/** The header's sums over the rooms shown (a figure without a value adds nothing). */
export function totalsOf(keys: readonly string[], views: Record<string, RoomView>, role: Role): Totals {
  const t: Totals = { rooms: keys.length, gmv: 0, orders: 0, uv: 0, ad_spend: 0, commission: 0, agency_share: 0 };
  const add = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  for (const k of keys) {
    const f = views[k]!.figures;
    t.gmv += add(f.gmv);
    t.orders += add(f.orders);
    t.uv += add(f.uv);
    t.ad_spend += add(f.ad_spend);
    t.commission += add(f.commission);
    t.agency_share += add(agencyShareFor(views[k]!, role));
  }
  return t;
}

export type Density = 'l' | 'm' | 's' | 'xs';
export interface Grid {
  cols: number;
  rows: number;
  density: Density;
}

/**
 * Columns × rows for `n` tiles on a page (at most PER_PAGE): tiles as large as they can be and
 * roughly 16:10 on the 1888×900 body, so 6 rooms read from across the room and 60 still do.
 */
export function gridFor(n: number): Grid {
  // never fewer than six slots: one or two rooms get a tile of the 6-room wall, not the whole canvas
  const count = Math.max(6, Math.min(PER_PAGE, n));
  const W = 1888;
  const H = 900;
  let best: Grid & { score: number } = { cols: 1, rows: 1, density: 'l', score: -Infinity };
  for (let cols = 1; cols <= 12; cols++) {
    const rows = Math.ceil(count / cols);
    const w = W / cols;
    const h = H / rows;
    // the tile's smaller side, penalised when far from the 16:10 a tile is laid out for
    const aspect = w / h;
    const score = Math.min(w / 1.6, h) * (aspect < 1 ? aspect : aspect > 2.6 ? 2.6 / aspect : 1);
    if (score > best.score) best = { cols, rows, density: 'l', score };
  }
  const tileH = H / best.rows;
  // thresholds from the tiles' measured content height at each density (RoomTile.vue), so nothing is clipped
  const density: Density = tileH >= 340 ? 'l' : tileH >= 250 ? 'm' : tileH >= 170 ? 's' : 'xs';
  return { cols: best.cols, rows: best.rows, density };
}

/** Sparkline points: the last `minutes` values of a per-minute series. */
export function lastMinutes(values: readonly number[] | undefined, minutes = 30): number[] {
  if (!values?.length) return [];
  return values.slice(-minutes);
}

/** An SVG polyline `points` string for values scaled into w×h (flat in the middle when constant). */
export function sparkPoints(values: readonly number[], w: number, h: number): string {
  if (values.length === 0) return '';
  const max = Math.max(...values);
  const min = Math.min(...values);
  const span = max - min;
  const step = values.length > 1 ? w / (values.length - 1) : 0;
  return values
    .map((v, i) => `${(i * step).toFixed(1)},${(span === 0 ? h / 2 : h - ((v - min) / span) * h).toFixed(1)}`)
    .join(' ');
}
