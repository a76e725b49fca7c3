/**
 * Commission and agency share (docs/protocol.md, "Commission and agency share") — the one
 * definition, used by the live aggregator (figures `commission`, `agency_share`) and by the
 * roll-ups (electron/history/rollup-rows.ts), so a roll-up and a live screen cannot disagree.
 *
 * - A paid order's commission = round(amount × the product's commissionRate in force at
 *   payment) fen; 0 on a self-hosted session. Rounded per order so every order's commission is
 *   a whole number of fen and a session's is their sum.
 * - A session's agency share = round(commission × host.agency.share) + round(commission ×
 *   shop.agency.share), each term present only when that agency is bound; each agency's part is
 *   its own term (an agency bound to both host and shop gets both).
 */

/** An agency binding as session.start carries it (host.agency / shop.agency). */
export interface AgencyBinding {
  id: string;
  name: string;
  /** fraction of the host's commission that goes to the agency, in [0, 1] */
  share: number;
}

/** The commission of one paid order (fen). */
export function orderCommission(amount: number, commissionRate: number | undefined, hostKind: 'self' | 'talent'): number {
  if (hostKind !== 'talent' || !commissionRate || !(commissionRate > 0)) return 0;
  return Math.round(amount * commissionRate);
}

/** One agency's part of a session's commission (fen). */
export function agencyPart(commission: number, binding: AgencyBinding | undefined): number {
  return binding ? Math.round(commission * binding.share) : 0;
}

/** Each bound agency's part of a session's commission, the host's agency first. */
export function agencyParts(
  commission: number,
  host: { agency?: AgencyBinding },
  shop: { agency?: AgencyBinding },
): { agency: AgencyBinding; part: number; via: 'host' | 'shop' }[] {
  const out: { agency: AgencyBinding; part: number; via: 'host' | 'shop' }[] = [];
  if (host.agency) out.push({ agency: host.agency, part: agencyPart(commission, host.agency), via: 'host' });
  if (shop.agency) out.push({ agency: shop.agency, part: agencyPart(commission, shop.agency), via: 'shop' });
  return out;
}

/** A session's agency share: the sum of the bound agencies' parts (fen). */
export function agencyShareOf(commission: number, host: { agency?: AgencyBinding }, shop: { agency?: AgencyBinding }): number {
  return agencyPart(commission, host.agency) + agencyPart(commission, shop.agency);
}
