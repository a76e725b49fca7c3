/**
 * The `qianchuan` input: 巨量千川 reports, polled (bububa/oceanengine marketing-api, read for
 * this poller: api/qianchuan/ad/get.go, api/qianchuan/report/ad_get.go, model/qianchuan/report/).
 * Every `pollSec` while the configured room has a live session:
 *   GET {baseUrl}/v1.0/qianchuan/ad/get/?advertiser_id&page&page_size          → ad.plan upserts (when changed)
 *   GET {baseUrl}/v1.0/qianchuan/report/ad/get/?advertiser_id&start_date&end_date&fields&filtering&page&page_size
 * with the header `Access-Token`. Reports are cumulative for the day and in yuan: each poll's
 * increments since the previous one become `ad.stats` (fen), and the new cumulative figures are
 * the baseline, committed in the same transaction as the events (a restart neither loses nor
 * repeats an increment). A new day starts from zero after the previous day's last increments
 * were taken; a figure that went down (the platform corrected it) adds nothing and the baseline
 * keeps the highest figure, so spend is never negative and never counted twice. The first poll
 * of a session only sets the baseline: spend before the show is not the show's. A reply whose
 * `code` is not 0 is logged with its message and counted; the next poll tries again.
 */
import type { RelayConfig } from '../config';
import type { Intake, Submission } from '../intake';
import { InputQueue } from '../input-queue';
import type { InputStats } from '../input-stats';
import { countOf, idString, parseLossless, asObject, type JsonObject } from '../lossless';
import { getSpoolState } from '../../store/spool/spool';
import type Database from 'better-sqlite3';

const FIELDS = ['stat_cost', 'show_cnt', 'click_cnt', 'convert_cnt', 'pay_order_amount'];
const PAGE_SIZE = 100;


/** One plan's cumulative figures of a day: money in fen, counts as counts. */
export interface Cumulative {
  spend: number;
  impressions: number;
  clicks: number;
  conversions: number;
  gmv: number;
}

export interface Baseline {
  /** the session the baseline was taken for */
  sessionId: string;
  /** the report day, YYYY-MM-DD */
  date: string;
  plans: Record<string, Cumulative>;
  /** the last ad.plan sent per plan (JSON), to send only changes */
  sent: Record<string, string>;
}

export class QianchuanApiError extends Error {}

/** Yuan (a number or its text, up to cents) → fen, rounded. */
export function yuanToFen(v: unknown): number {
  const n = countOf(v);
  return n === null ? 0 : Math.round(n * 100);
}

const ZERO: Cumulative = { spend: 0, impressions: 0, clicks: 0, conversions: 0, gmv: 0 };

/** What a new cumulative report adds to the baseline, field by field, never below zero; and the new baseline. */
export function increments(prev: Cumulative | undefined, now: Cumulative): { add: Cumulative; next: Cumulative; wentDown: boolean } {
  const p = prev ?? ZERO;
  const add = {} as Cumulative;
  const next = {} as Cumulative;
  let wentDown = false;
  for (const k of Object.keys(ZERO) as (keyof Cumulative)[]) {
    add[k] = Math.max(0, now[k] - p[k]);
    next[k] = Math.max(now[k], p[k]);
    if (now[k] < p[k]) wentDown = true;
  }
  return { add, next, wentDown };
}

function statOf(row: JsonObject): Cumulative {
  const m = asObject(row.metrics) ?? row; // the fields sit in the row, or under `metrics` in some reports
  return {
    spend: yuanToFen(m.stat_cost),
    impressions: Math.max(0, Math.floor(countOf(m.show_cnt) ?? 0)),
    clicks: Math.max(0, Math.floor(countOf(m.click_cnt) ?? 0)),
    conversions: Math.max(0, Math.floor(countOf(m.convert_cnt) ?? 0)),
    gmv: yuanToFen(m.pay_order_amount),
  };
}

function planStatus(status: unknown): 'on' | 'paused' | 'over_budget' {
  if (status === 'DELIVERY_OK') return 'on';
  if (status === 'OFFLINE_BUDGET' || status === 'ADVERTISER_OFFLINE_BUDGET' || status === 'OFFLINE_BALANCE') return 'over_budget';
  return 'paused';
}

/** The day of `at` in China (UTC+8), as the reports count days. */
export function reportDate(at: number): string {
  return new Date(at + 8 * 3600_000).toISOString().slice(0, 10);
}

export interface QianchuanOptions {
  db: Database.Database;
  intake: Intake;
  stats: InputStats;
  config: RelayConfig;
  accessToken: string;
  advertiserId: string;
  /** the open session the figures go to, or null when none is live */
  session: () => string | null;
  now?: () => number;
}

export class QianchuanPoller {
  private readonly queue: InputQueue;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private closed = false;
  private readonly stateKey: string;

  constructor(private readonly opts: QianchuanOptions) {
    this.now = opts.now ?? Date.now;
    this.queue = new InputQueue(opts.intake, opts.stats);
    this.stateKey = `qianchuan:${opts.advertiserId}`;
  }

  start(): void {
    this.opts.stats.setState('listening', `every ${this.opts.config.qianchuan.pollSec} s`);
    const tick = (): void => {
      if (this.closed) return;
      this.polling = this.poll().finally(() => {
        this.polling = null;
        if (!this.closed) this.timer = setTimeout(tick, this.opts.config.qianchuan.pollSec * 1000);
      });
    };
    tick();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.polling;
    await this.queue.drained();
    this.queue.close();
  }

  /** One poll; resolves once its events and baseline are committed (or it gave up with a logged reason). */
  async poll(): Promise<void> {
    const sessionId = this.opts.session();
    if (!sessionId) {
      this.opts.stats.detail = 'no live session for the ad figures';
      return;
    }
    await this.queue.drained(); // the previous poll's baseline is committed
    const stored = getSpoolState(this.opts.db, this.stateKey);
    const base: Baseline | null = stored ? (JSON.parse(stored) as Baseline) : null;
    const today = reportDate(this.now());
    const fresh = !base || base.sessionId !== sessionId;
    const items: Submission[] = [];
    const next: Baseline = fresh ? { sessionId, date: today, plans: {}, sent: base?.sent ?? {} } : { ...base!, plans: { ...base!.plans }, sent: { ...base!.sent } };
    try {
      this.opts.stats.received++;
      const ts = this.now();
      for (const plan of await this.plans()) {
        const text = JSON.stringify(plan);
        if (fresh || next.sent[plan.planId] !== text) items.push({ sessionId, event: { type: 'ad.plan', ts, ...plan } });
        next.sent[plan.planId] = text;
      }
      // a new day: take the previous day's last increments first, then count today's from zero
      if (!fresh && base!.date !== today) {
        for (const [planId, cum] of await this.report(base!.date)) this.addStats(items, next, sessionId, planId, cum, ts);
        next.plans = {};
        next.date = today;
      }
      for (const [planId, cum] of await this.report(today)) {
        if (fresh) next.plans[planId] = cum;
        else this.addStats(items, next, sessionId, planId, cum, ts);
      }
    } catch (err) {
      if (!(err instanceof QianchuanApiError)) throw err;
      this.opts.stats.rejects.add('api_error', 1, err.message);
      this.opts.stats.detail = err.message.slice(0, 200);
      return;
    }
    this.opts.stats.detail = null;
    this.queue.push(items, { state: [{ key: this.stateKey, value: JSON.stringify(next) }] });
    await this.queue.drained();
  }

  private addStats(items: Submission[], next: Baseline, sessionId: string, planId: string, cum: Cumulative, ts: number): void {
    const { add, next: nb, wentDown } = increments(next.plans[planId], cum);
    if (wentDown) this.opts.stats.log(`plan ${planId}: a report figure went down (${JSON.stringify(next.plans[planId])} → ${JSON.stringify(cum)}); nothing subtracted`);
    next.plans[planId] = nb;
    if (Object.values(add).some((v) => v > 0)) items.push({ sessionId, event: { type: 'ad.stats', ts, planId, ...add } });
  }

  private async get(path: string, params: Record<string, string>): Promise<JsonObject> {
    const q = new URLSearchParams({ advertiser_id: this.opts.advertiserId, ...params });
    const url = `${this.opts.config.qianchuan.baseUrl.replace(/\/+$/, '')}/${path}?${q}`;
    let text: string;
    try {
      const res = await fetch(url, { headers: { 'Access-Token': this.opts.accessToken }, signal: AbortSignal.timeout(15_000) });
      text = await res.text();
      if (!res.ok) throw new QianchuanApiError(`${path}: HTTP ${res.status}`);
    } catch (err) {
      if (err instanceof QianchuanApiError) throw err;
      throw new QianchuanApiError(`${path}: ${(err as Error).message}`);
    }
    let body: JsonObject | null;
    try {
      body = asObject(parseLossless(text));
    } catch {
      throw new QianchuanApiError(`${path}: the reply is not JSON`);
    }
    if (!body) throw new QianchuanApiError(`${path}: the reply is not an object`);
    if (countOf(body.code) !== 0) throw new QianchuanApiError(`${path}: code ${idString(body.code) || '?'} ${String(body.message ?? '')}`.trim());
    return asObject(body.data) ?? {};
  }

  /** Every page of a list endpoint. */
  private async pages(path: string, params: Record<string, string>): Promise<JsonObject[]> {
    const out: JsonObject[] = [];
    for (let page = 1; page <= 100; page++) {
      const data = await this.get(path, { ...params, page: String(page), page_size: String(PAGE_SIZE) });
      const list = Array.isArray(data.list) ? data.list.map(asObject).filter((x): x is JsonObject => x !== null) : [];
      out.push(...list);
      const total = countOf(asObject(data.page_info)?.total_page) ?? 1;
      if (page >= total || list.length === 0) break;
    }
    return out;
  }

  private async plans(): Promise<{ planId: string; name: string; status: 'on' | 'paused' | 'over_budget'; budget: number; bid: number; channel: string }[]> {
    const rows = await this.pages('v1.0/qianchuan/ad/get/', {});
    return rows
      .map((r) => {
        const ds = asObject(r.delivery_setting) ?? {};
        return { planId: idString(r.ad_id ?? r.id), name: typeof r.name === 'string' ? r.name : '', status: planStatus(r.status), budget: yuanToFen(ds.budget), bid: yuanToFen(ds.cpa_bid), channel: 'qianchuan' };
      })
      .filter((p) => p.planId);
  }

  private async report(date: string): Promise<Map<string, Cumulative>> {
    const rows = await this.pages('v1.0/qianchuan/report/ad/get/', {
      start_date: date, end_date: date, fields: JSON.stringify(FIELDS), filtering: JSON.stringify({ marketing_goal: 'LIVE_PROM_GOODS' }),
    });
    const out = new Map<string, Cumulative>();
    for (const r of rows) {
      const id = idString(r.ad_id);
      if (id) out.set(id, statOf(r));
    }
    return out;
  }
}
