/** The ad arithmetic by hand; zero denominators give null ("—"). */
import { describe, expect, it } from 'vitest';
import { adRates, roiPerBucket, roomVersusAds, underBreakEven } from '../../../shared/advice';

describe('ad arithmetic', () => {
  it('CTR, CPM, CPC, cost per conversion and ROI of worked totals', () => {
    // spend ¥500.00 = 50,000 fen, 20,000 impressions, 400 clicks, 25 conversions, ad GMV ¥1,500.00
    expect(adRates({ spend: 50_000, impressions: 20_000, clicks: 400, conversions: 25, gmv: 150_000 })).toEqual({
      ctr: 0.02, // 400 ÷ 20,000
      cpm: 2_500, // 50,000 ÷ 20,000 × 1000 = ¥25.00 per thousand
      cpc: 125, // 50,000 ÷ 400 = ¥1.25
      costPerConversion: 2_000, // 50,000 ÷ 25 = ¥20.00
      roi: 3, // 150,000 ÷ 50,000
    });
  });

  it('zero denominators are null, never NaN, Infinity or 0; zero numerators are 0', () => {
    expect(adRates({ spend: 0, impressions: 0, clicks: 0, conversions: 0, gmv: 0 })).toEqual({ ctr: null, cpm: null, cpc: null, costPerConversion: null, roi: null });
    expect(adRates({ spend: 1_000, impressions: 500, clicks: 0, conversions: 0, gmv: 0 })).toEqual({ ctr: 0, cpm: 2_000, cpc: null, costPerConversion: null, roi: 0 });
  });

  it('ROI per minute: a minute without spend has none', () => {
    expect(roiPerBucket([0, 3_000, 500, 0], [0, 1_000, 0, 2_000])).toEqual([null, 3, null, 0]);
  });

  it('break-even flag: under the setting only, never for a plan without spend or without a setting', () => {
    expect(underBreakEven(1.8, 2)).toBe(true);
    expect(underBreakEven(2, 2)).toBe(false);
    expect(underBreakEven(0, 2)).toBe(true);
    expect(underBreakEven(null, 2)).toBe(false);
    expect(underBreakEven(1, null)).toBe(false);
  });

  it('the whole room beside the ads', () => {
    expect(roomVersusAds({ gmv: 400_000, pv: 1_000, paidEnters: 250 }, { spend: 100_000, gmv: 120_000 })).toEqual({ roomRoi: 4, adGmvShare: 0.3, paidEnterShare: 0.25 });
    expect(roomVersusAds({ gmv: 0, pv: 0, paidEnters: 0 }, { spend: 0, gmv: 0 })).toEqual({ roomRoi: null, adGmvShare: null, paidEnterShare: null });
  });
});
