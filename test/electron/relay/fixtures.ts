/**
 * Events the relay tests feed in, written from docs/protocol.md: a session.start and a few
 * audience events, as a studio's own scraper would post them (no seq, no ts).
 */
export function sessionStart(sessionId: string, roomId = `room-${sessionId}`): Record<string, unknown> {
  return {
    type: 'session.start', sessionId, roomId, title: '春季上新', startedAt: Date.UTC(2026, 3, 1, 12),
    host: { id: 'host-1', name: '主播小王', kind: 'self' }, shop: { id: 'shop-1', name: '小王的店', category: 'apparel', tier: 'L3' },
  };
}

export function comment(i: number): Record<string, unknown> {
  return { type: 'comment', userId: `u${i}`, nickname: `观众${i}`, text: `第${i}条弹幕` };
}

/** NDJSON of lines `{sessionId, …event}`. */
export function ndjson(sessionId: string, events: Record<string, unknown>[]): string {
  return events.map((e) => JSON.stringify({ sessionId, ...e })).join('\n') + '\n';
}
