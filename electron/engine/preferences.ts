/**
 * Settings and screen layout, persisted as JSON in the store's `kv` table. Reads are forgiving
 * (a missing, corrupt or partly invalid value falls back to the defaults field by field, so a
 * hand-edited database never stops the app); writes are strict (validated with the API schemas
 * of shared/api/contract.ts, a bad patch is refused with a one-line error and nothing changes).
 */
import { API_ARGS, SCREEN_IDS, type ScreenLayout, type Settings, type SettingsView } from '../../shared/api/contract';

/** What this module needs from the store: read and write one JSON value by key. */
export interface KvAccess {
  get(key: string): unknown;
  put(key: string, value: unknown): void;
}

export const SETTINGS_KEY = 'settings';
export const LAYOUT_KEY = 'layout';

export const DEFAULT_SETTINGS: Settings = {
  locale: 'zh-CN',
  source: 'demo',
  sourceToken: '',
  breakEvenRoi: 2,
  retentionDays: 0,
  startRole: '',
};

/** Every screen windowed on the primary display, no room pinned. */
export function defaultLayout(): ScreenLayout {
  return SCREEN_IDS.map((screen) => ({ screen, displayId: null, mode: 'windowed', room: null }));
}

const settingsPatch = API_ARGS['settings.set'].def.items[0];
const layoutSchema = API_ARGS['layout.set'].def.items[0];

/** A kv value as stored (JSON text) or already parsed; null when the text is not JSON. */
export function parseStored(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}

export function readSettings(kv: KvAccess): Settings {
  const stored = parseStored(kv.get(SETTINGS_KEY));
  const out: Settings = { ...DEFAULT_SETTINGS };
  if (stored && typeof stored === 'object') {
    // field by field: one bad field must not throw away the good ones
    for (const [key, value] of Object.entries(stored)) {
      const one = settingsPatch.safeParse({ [key]: value });
      if (one.success && key in out) Object.assign(out, one.data);
    }
  }
  return out;
}

/** What settings.get/set answer: the settings without the source token, only whether one is stored. */
export function settingsView(settings: Settings): SettingsView {
  const { sourceToken, ...rest } = settings;
  return { ...rest, hasSourceToken: sourceToken !== '' };
}

/** host:port of a source URL ('demo' and unparsable values have none). */
function sourceHost(source: string): string | null {
  try {
    return source === 'demo' ? null : new URL(source).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Apply a patch. Without `sourceToken` the stored token is kept — unless the source moves to
 * another host: a token belongs to the source it was given for, and must not be sent to a new
 * one that nobody gave it to.
 */
export function writeSettings(kv: KvAccess, patch: unknown): Settings {
  const parsed = settingsPatch.strict().safeParse(patch);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`settings: ${issue?.path.join('.') || 'patch'} ${issue?.message ?? 'invalid'}`);
  }
  const before = readSettings(kv);
  const next = { ...before, ...parsed.data };
  if (parsed.data.sourceToken === undefined && parsed.data.source !== undefined) {
    const was = sourceHost(before.source);
    if (was === null || was !== sourceHost(next.source)) next.sourceToken = '';
  }
  kv.put(SETTINGS_KEY, next);
  return next;
}

export function readLayout(kv: KvAccess): ScreenLayout {
  const parsed = layoutSchema.safeParse(parseStored(kv.get(LAYOUT_KEY)));
  return parsed.success ? parsed.data : defaultLayout();
}

export function writeLayout(kv: KvAccess, layout: unknown): ScreenLayout {
  const parsed = layoutSchema.safeParse(layout);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`layout: ${issue?.path.join('.') || 'value'} ${issue?.message ?? 'invalid'}`);
  }
  kv.put(LAYOUT_KEY, parsed.data);
  return parsed.data;
}

export function resetLayout(kv: KvAccess): ScreenLayout {
  const layout = defaultLayout();
  kv.put(LAYOUT_KEY, layout);
  return layout;
}
