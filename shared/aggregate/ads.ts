/**
 * Ad plans, creatives and their counters. `ad.stats` carries increments since the previous
 * stats of the same plan/creative: a stats event with a creativeId counts for that creative
 * and its plan, one without counts for the plan only (never both ways, so nothing is counted
 * twice). Stats for a plan or creative not announced yet get a placeholder row, named by id,
 * that the later `ad.plan` / `ad.creative` fills in.
 */
import type { EventOf } from '../protocol/schemas';
import { ratio } from '../metrics/glossary';
import { displayText } from '../text/sanitize';
import type { AdCreativeRow, AdPlanRow, AdTotals } from '../viewmodel/room';

export class AdCounters {
  spend = 0;
  impressions = 0;
  clicks = 0;
  conversions = 0;
  gmv = 0;

  add(s: EventOf<'ad.stats'>): void {
    this.spend += s.spend;
    this.impressions += s.impressions;
    this.clicks += s.clicks;
    this.conversions += s.conversions;
    this.gmv += s.gmv;
  }

  /** `gmv` is the ad platform's figure unless the caller passes another (the room's paid-channel GMV). */
  totals(gmv = this.gmv): AdTotals {
    return {
      spend: this.spend,
      impressions: this.impressions,
      clicks: this.clicks,
      conversions: this.conversions,
      gmv,
      ctr: ratio(this.clicks, this.impressions),
      cpm: ratio(this.spend, this.impressions, 1000),
      cpc: ratio(this.spend, this.clicks),
      costPerConversion: ratio(this.spend, this.conversions),
      roi: ratio(gmv, this.spend),
    };
  }
}

interface Plan {
  planId: string;
  name: string;
  status: AdPlanRow['status'];
  budget: number;
  bid: number;
  channel: string;
  stats: AdCounters;
}

interface Creative {
  creativeId: string;
  planId: string;
  title: string;
  kind: AdCreativeRow['kind'];
  stats: AdCounters;
}

/** Bound on distinct plans/creatives shown (a hostile stream must not grow the view without limit). */
const MAX_ROWS = 2000;

export class AdBook {
  readonly totals = new AdCounters();
  private readonly plans = new Map<string, Plan>();
  private readonly creatives = new Map<string, Creative>();

  private plan(planId: string): Plan | undefined {
    let p = this.plans.get(planId);
    if (!p && this.plans.size < MAX_ROWS) {
      p = { planId, name: displayText(planId, 60), status: 'on', budget: 0, bid: 0, channel: 'paid_other', stats: new AdCounters() };
      this.plans.set(planId, p);
    }
    return p;
  }

  private creative(creativeId: string, planId: string): Creative | undefined {
    let c = this.creatives.get(creativeId);
    if (!c && this.creatives.size < MAX_ROWS) {
      c = { creativeId, planId, title: displayText(creativeId, 60), kind: 'video', stats: new AdCounters() };
      this.creatives.set(creativeId, c);
    }
    return c;
  }

  upsertPlan(e: EventOf<'ad.plan'>): void {
    const p = this.plan(e.planId);
    if (!p) return;
    p.name = displayText(e.name, 60);
    p.status = e.status;
    p.budget = e.budget;
    p.bid = e.bid;
    p.channel = e.channel;
  }

  upsertCreative(e: EventOf<'ad.creative'>): void {
    const c = this.creative(e.creativeId, e.planId);
    if (!c) return;
    c.planId = e.planId;
    c.title = displayText(e.title, 60);
    c.kind = e.kind;
  }

  addStats(e: EventOf<'ad.stats'>): void {
    this.totals.add(e);
    this.plan(e.planId)?.stats.add(e);
    if (e.creativeId !== undefined) this.creative(e.creativeId, e.planId)?.stats.add(e);
  }

  planRows(): AdPlanRow[] {
    return [...this.plans.values()].map((p) => ({
      ...p.stats.totals(),
      planId: p.planId,
      name: p.name,
      status: p.status,
      budget: p.budget,
      bid: p.bid,
      channel: p.channel,
    }));
  }

  creativeRows(): AdCreativeRow[] {
    return [...this.creatives.values()].map((c) => ({
      ...c.stats.totals(),
      creativeId: c.creativeId,
      planId: c.planId,
      title: c.title,
      kind: c.kind,
    }));
  }
}
