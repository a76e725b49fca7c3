/**
 * Audience portrait counters (gender, age band, region, fan, new vs returning) for one group
 * of distinct users — the entering viewers, or the buyers. Attribute values are small codes
 * stored on each user (./users.ts); regions are interned with a bound, because a region is an
 * untrusted string and a hostile stream must not grow the portrait without limit.
 */
import { displayText } from '../text/sanitize';
import type { PortraitCounts } from '../viewmodel/room';

export const GENDERS = ['m', 'f'] as const;
export const AGES = ['18-23', '24-30', '31-40', '41-50', '50+'] as const;
const UNKNOWN = 'unknown';
/** Distinct regions kept by name; further ones count under `other`. */
const MAX_REGIONS = 100;

/** 0 = unknown, else 1 + index. */
export function genderCode(g: string | undefined): number {
  return g === 'm' ? 1 : g === 'f' ? 2 : 0;
}
export function ageCode(a: string | undefined): number {
  return a === undefined ? 0 : AGES.indexOf(a as (typeof AGES)[number]) + 1;
}
/** 0 = unknown, 1 = new, 2 = returning */
export function returningCode(r: boolean | undefined): number {
  return r === undefined ? 0 : r ? 2 : 1;
}

/** Region names interned to indexes; index 0 = unknown, 1 = other (over the bound). */
export class RegionTable {
  readonly names: string[] = [UNKNOWN, 'other'];
  private readonly byRaw = new Map<string, number>();
  private readonly byName = new Map<string, number>();

  code(raw: string | undefined): number {
    if (raw === undefined) return 0;
    const known = this.byRaw.get(raw);
    if (known !== undefined) return known;
    if (this.byRaw.size >= MAX_REGIONS * 4) return 1;
    const name = displayText(raw, 32);
    let code = name === '' ? 0 : this.byName.get(name);
    if (code === undefined) {
      if (this.names.length - 2 >= MAX_REGIONS) code = 1;
      else {
        code = this.names.length;
        this.names.push(name);
        this.byName.set(name, code);
      }
    }
    this.byRaw.set(raw, code);
    return code;
  }
}

export class PortraitCounter {
  private readonly gender = [0, 0, 0];
  private readonly age = [0, 0, 0, 0, 0, 0];
  private region: number[] = [];
  private fan = 0;
  private nonfan = 0;
  private readonly returning = [0, 0, 0];

  add(gender: number, age: number, region: number, fan: boolean, returning: number): void {
    this.gender[gender]!++;
    this.age[age]!++;
    while (this.region.length <= region) this.region.push(0);
    this.region[region]!++;
    if (fan) this.fan++;
    else this.nonfan++;
    this.returning[returning]!++;
  }

  build(regions: RegionTable): PortraitCounts {
    const region: Record<string, number> = {};
    this.region.forEach((n, i) => {
      if (n > 0) region[regions.names[i]!] = n;
    });
    const age: Record<string, number> = {};
    AGES.forEach((a, i) => (age[a] = this.age[i + 1]!));
    age[UNKNOWN] = this.age[0]!;
    return {
      gender: { m: this.gender[1]!, f: this.gender[2]!, unknown: this.gender[0]! },
      age,
      region,
      fan: { fan: this.fan, nonfan: this.nonfan },
      returning: { new: this.returning[1]!, returning: this.returning[2]!, unknown: this.returning[0]! },
    };
  }
}
