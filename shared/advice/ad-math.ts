/**
 * Ad arithmetic of the ad screen (docs/product.md "Metric definitions"): the view model carries
 * CTR, CPM, CPC, cost per conversion and ROI per plan, creative and total; these helpers give
 * the same rates for any totals (a minute of the trend, the whole room) and the comparisons the
 * screen shows. A zero denominator gives null ("—"), never NaN, Infinity or 0.
 */
import { ratio } from '../metrics/glossary';
import type { Figure } from '../viewmodel/room';

export interface AdCounts {
  spend: number;
  impressions: number;
  clicks: number;
  conversions: number;
  gmv: number;
}

export interface AdRates {
  ctr: Figure;
  cpm: Figure;
  cpc: Figure;
  costPerConversion: Figure;
  roi: Figure;
}

export function adRates(t: AdCounts): AdRates {
  return {
    ctr: ratio(t.clicks, t.impressions),
    cpm: ratio(t.spend, t.impressions, 1000),
    cpc: ratio(t.spend, t.clicks),
    costPerConversion: ratio(t.spend, t.conversions),
    roi: ratio(t.gmv, t.spend),
  };
}

/** ROI of each bucket of a series: ad GMV ÷ spend of that bucket (null for a bucket without spend). */
export function roiPerBucket(adGmv: readonly number[], adSpend: readonly number[]): Figure[] {
  return adSpend.map((spend, i) => ratio(adGmv[i] ?? 0, spend));
}

/**
 * A plan is flagged when its ROI is under the shop's break-even ROI (保本ROI). A plan without
 * spend has no ROI and is not flagged; with spend but no GMV its ROI is 0 and it is.
 */
export function underBreakEven(roi: Figure, breakEvenRoi: number | null | undefined): boolean {
  return roi !== null && typeof breakEvenRoi === 'number' && breakEvenRoi > 0 && roi < breakEvenRoi;
}

/** The whole room beside the ads: room GMV ÷ ad spend (全场ROI), and the ads' shares of GMV and entries. */
export function roomVersusAds(room: { gmv: number; pv: number; paidEnters: number }, ads: { spend: number; gmv: number }): {
  roomRoi: Figure;
  adGmvShare: Figure;
  paidEnterShare: Figure;
} {
  return {
    roomRoi: ratio(room.gmv, ads.spend),
    adGmvShare: ratio(ads.gmv, room.gmv),
    paidEnterShare: ratio(room.paidEnters, room.pv),
  };
}
