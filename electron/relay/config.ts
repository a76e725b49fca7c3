/**
 * The relay's config file (`--config FILE`, JSON; docs/connect.md "The config file"): what a
 * capture tool cannot say about a room (its title, host and shop for session.start), the value
 * of a diamond, and the 抖店 / 千川 settings that are not secrets (secrets come from the
 * environment). Every field is optional; a bad file is refused whole with the path of the first
 * problem.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const text = z.string().min(1).max(256);

const roomSchema = z.strictObject({
  /** the ids this room is known by: the web room id (live.douyin.com/<id>), the capture tool's live id */
  match: z.array(text).min(1).max(20),
  /** session.start's roomId (default: the first match) */
  roomId: text.optional(),
  title: z.string().max(1000).optional(),
  host: z
    .strictObject({
      id: text,
      name: z.string().max(1000),
      kind: z.enum(['self', 'talent']).default('self'),
      tier: z.enum(['head', 'mid', 'tail']).optional(),
      followers: z.number().int().nonnegative().optional(),
    })
    .optional(),
  shop: z.strictObject({ id: text, name: z.string().max(1000), category: z.string().max(256), tier: z.string().max(64) }).optional(),
  streamUrl: z.string().max(2048).optional(),
});

export const relayConfigSchema = z.strictObject({
  rooms: z.array(roomSchema).max(1000).default([]),
  /** fen one diamond (抖币) is worth in a gift's value; 1 抖币 = 0.1 元 by default */
  fenPerDiamond: z.number().positive().max(100_000).default(10),
  /** a room silent this long has ended: its next message starts a new session */
  sessionGapMin: z.number().positive().max(7 * 24 * 60).default(30),
  doudian: z
    .strictObject({
      /** the open platform's base URL for the order-detail API */
      baseUrl: z.string().url().default('https://openapi-fxg.jinritemai.com'),
      /** after-sale reason codes that count as a quality problem (aftersale.open reason 'quality') */
      qualityReasonCodes: z.array(z.number().int()).max(1000).default([]),
    })
    .default({ baseUrl: 'https://openapi-fxg.jinritemai.com', qualityReasonCodes: [] }),
  qianchuan: z
    .strictObject({
      baseUrl: z.string().url().default('https://ad.oceanengine.com/open_api'),
      advertiserId: text.optional(),
      /** the room (one of a room entry's match ids) whose live session gets the ad figures */
      room: text.optional(),
      pollSec: z.number().min(10).max(3600).default(60),
    })
    .default({ baseUrl: 'https://ad.oceanengine.com/open_api', pollSec: 60 }),
});

export type RelayConfig = z.infer<typeof relayConfigSchema>;
export type RoomConfig = z.infer<typeof roomSchema>;

export const DEFAULT_CONFIG: RelayConfig = relayConfigSchema.parse({});

export class ConfigError extends Error {}

/** Parse a config value; ConfigError naming the first problem's path. */
export function parseConfig(value: unknown, where = 'config'): RelayConfig {
  const r = relayConfigSchema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new ConfigError(`${where}: ${issue.path.length ? issue.path.join('.') : '(top)'}: ${issue.message}`);
}

export function loadConfig(file: string): RelayConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  return parseConfig(value, file);
}

/** The room entry one of whose match ids is `id`. */
export function roomConfigFor(config: RelayConfig, ids: readonly (string | undefined)[]): RoomConfig | undefined {
  return config.rooms.find((r) => ids.some((id) => id !== undefined && r.match.includes(id)));
}
