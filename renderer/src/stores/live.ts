/**
 * The `live` store: the room views of the engine and the state of the links that feed them.
 * Views are hot data: they live in a `shallowRef` (no deep reactivity over thousands of numbers)
 * and the screens are told once per animation frame, whatever the delta rate.
 *
 * `slice(key)` is what a screen's modules should read: one shallow ref per top-level key of the
 * current room, set once per frame and triggering only when that key's value is a new one (a
 * delta replaces just the keys that changed; the others keep their identity). A module reading
 * `current` instead re-renders on every delta, whatever changed. `slice(key, { everyMs })` paces
 * a key that changes with every delta but is read at a glance (the portrait, the product table).
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, triggerRef, watch, type ShallowRef } from 'vue';
import type { ConnectionState, EngineState } from '../../../shared/api/contract';
import type { ViewDelta } from '../../../shared/viewmodel/delta';
import type { RoomView, RoomViewKey } from '../../../shared/viewmodel/room';
import type { LinkState, ScreenBridge } from '../bridge';
import { frameScheduler, screenFrameOffset } from './frame-scheduler';
import { LiveModel, pickRoom } from './live-model';

/**
 * How long past its due time a paced slice waits for a delta frame to ride on (see `slice`):
 * longer than the engine's 100 ms between deltas, so one normally comes first.
 */
const PACED_LATE_MS = 150;

export type LiveStatus = 'live' | 'connecting' | 'reconnecting' | 'paused' | 'ended' | 'replay' | 'offline' | 'refused' | 'engineRestarting' | 'engineFailed';

/** Whether what the screen shows is current; anything else marks the figures stale. */
export function statusOf(link: LinkState, conn: ConnectionState | null, hasFull: boolean, room: RoomView | null, engine: EngineState | null = null): LiveStatus {
  if (link.phase === 'refused') return 'refused';
  if (engine?.phase === 'restarting') return 'engineRestarting';
  if (engine?.phase === 'failed') return 'engineFailed';
  if (link.phase === 'reconnecting') return 'reconnecting';
  if (link.phase === 'connecting' || !conn) return 'connecting';
  if (conn.phase === 'reconnecting') return 'reconnecting';
  if (conn.phase === 'connecting') return 'connecting';
  if (conn.phase === 'idle' || conn.phase === 'stopped') return 'offline';
  if (!hasFull) return 'connecting';
  if (room?.info.state === 'ended') return 'ended';
  if (room?.info.state === 'paused') return 'paused';
  return conn.phase === 'replay' ? 'replay' : 'live';
}

export const useLiveStore = defineStore('live', () => {
  const model = new LiveModel();
  const views = shallowRef<Record<string, RoomView>>(model.views);
  const connection = ref<ConnectionState | null>(null);
  /** the desktop engine's own life (engine.state pushes); null = never heard, i.e. running */
  const engine = ref<EngineState | null>(null);
  const link = ref<LinkState>({ phase: 'connecting', attempt: 0, error: null });
  const hasFull = ref(false);
  const pinned = ref<string | null>(null);
  const chosen = ref<string | null>(null);
  /** wall clock, ticking once a second (clock, ages) */
  const now = ref(Date.now());
  const lastError = ref<string | null>(null);
  let bridge: ScreenBridge | null = null;
  let fullInFlight = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const frame = frameScheduler(
    () => {
      const { rooms } = model.takeTouched();
      if (rooms.length > 0) triggerRef(views);
    },
    { delayFrames: typeof location === 'undefined' ? 0 : screenFrameOffset(location.hash) },
  );

  async function requestFull(): Promise<void> {
    if (!bridge || fullInFlight) return;
    fullInFlight = true;
    model.needFull();
    try {
      const full = await bridge.call('view.full');
      fullInFlight = false;
      const outcome = model.receive(full);
      hasFull.value = true;
      frame.schedule();
      if (outcome === 'need-full') void requestFull();
    } catch (err) {
      fullInFlight = false;
      lastError.value = err instanceof Error ? err.message : String(err);
      // the link may be down; try again shortly (a reconnect also asks)
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = setTimeout(() => void requestFull(), 1_000);
    }
  }

  function onDelta(delta: ViewDelta): void {
    const outcome = model.receive(delta);
    if (outcome === 'applied') frame.schedule();
    else if (outcome === 'need-full') void requestFull();
  }

  /** Connect the store to a bridge: listen to pushes, ask the first full view. Idempotent. */
  function start(b: ScreenBridge): void {
    if (bridge) return;
    bridge = b;
    link.value = b.link();
    b.on('view.delta', onDelta);
    b.on('connection.state', (state) => {
      connection.value = state;
    });
    b.on('engine.state', (state) => {
      engine.value = state;
      // a new engine worker: its figures were rebuilt from SQLite; the deltas of the old one are void
      if (state.phase === 'running') {
        void requestFull();
        void refreshConnection();
      }
    });
    b.onLink((state) => {
      const wasOpen = link.value.phase === 'open';
      link.value = state;
      // deltas pushed while we were away are lost: start again from a full view
      if (state.phase === 'open' && !wasOpen) {
        void requestFull();
        void refreshConnection();
      }
    });
    void requestFull();
    void refreshConnection();
    setInterval(() => {
      now.value = Date.now();
    }, 1_000);
  }

  async function refreshConnection(): Promise<void> {
    if (!bridge) return;
    try {
      connection.value = await bridge.call('connection.get');
    } catch {
      /* the push will bring it */
    }
  }

  const roomKeys = computed<string[]>((previous) => {
    const v = views.value;
    const keys = Object.keys(v)
      .filter((k) => v[k]?.info)
      .sort((a, b) => v[a]!.info.startedAt - v[b]!.info.startedAt);
    // the same list keeps its identity: the room switcher does not re-render at every frame
    return previous && sameList(previous, keys) ? previous : keys;
  });
  const currentKey = computed(() => pickRoom(views.value, pinned.value, chosen.value));
  const current = computed<RoomView | null>(() => (currentKey.value ? (views.value[currentKey.value] ?? null) : null));

  interface Slice {
    key: RoomViewKey;
    ref: ShallowRef<unknown>;
    everyMs: number;
    last: number;
    timer: ReturnType<typeof setTimeout> | null;
  }
  const slices = new Map<string, Slice>();
  /**
   * One top-level value of the current room (null without a room); see the header. With
   * `everyMs`, the value is passed on at most that often (the latest one, never dropped): for
   * modules a person reads at a glance (shares, tables) whose keys change with every delta.
   */
  function slice<K extends RoomViewKey>(key: K, opts: { everyMs?: number } = {}): Readonly<ShallowRef<RoomView[K] | null>> {
    const everyMs = Math.max(0, opts.everyMs ?? 0);
    const id = `${key}@${everyMs}`;
    let sl = slices.get(id);
    if (!sl) {
      sl = { key, ref: shallowRef(current.value?.[key] ?? null), everyMs, last: -Infinity, timer: null };
      slices.set(id, sl);
    }
    return sl.ref as ShallowRef<RoomView[K] | null>;
  }
  function pass(sl: Slice): void {
    sl.last = performance.now();
    sl.ref.value = current.value?.[sl.key] ?? null;
  }
  let shownKey: string | null = null;
  // a shallowRef triggers only when given a different value, so unchanged keys stay quiet
  watch(
    current,
    (room) => {
      // another room is shown at once, whatever the pace
      const switched = currentKey.value !== shownKey;
      shownKey = currentKey.value;
      for (const sl of slices.values()) {
        const next = room?.[sl.key] ?? null;
        if (sl.ref.value === next) continue;
        const wait = sl.last + sl.everyMs - performance.now();
        if (switched || wait <= 0) {
          if (sl.timer) clearTimeout(sl.timer);
          sl.timer = null;
          pass(sl);
        } else {
          // due in `wait`: passed on by the first delta frame after that (deltas come ~10 a
          // second), so a paced module changes in the same rendered frame as the headline
          // figures instead of in a frame of its own; the timer only makes sure the latest value
          // gets out when no delta follows (a quiet room)
          sl.timer ??= setTimeout(() => {
            sl.timer = null;
            pass(sl);
          }, wait + PACED_LATE_MS);
        }
      }
    },
    { flush: 'sync' },
  );
  const status = computed<LiveStatus>(() => {
    const s = statusOf(link.value, connection.value, hasFull.value, current.value, engine.value);
    // a screen following a replay (room `replay:<sessionId>`) is not live, whatever the source does
    return s === 'live' && currentKey.value?.startsWith('replay:') ? 'replay' : s;
  });
  /** seconds since the newest event reached the engine, on the engine's clock */
  const lastEventAge = computed<number | null>(() => {
    const at = connection.value?.lastEventAt;
    if (at === null || at === undefined) return null;
    return Math.max(0, Math.round((now.value + model.clockSkew - at) / 1000));
  });

  return {
    views,
    connection,
    engine,
    link,
    hasFull,
    pinned,
    chosen,
    now,
    lastError,
    roomKeys,
    currentKey,
    current,
    status,
    lastEventAge,
    slice,
    start,
    requestFull,
    /** pin from the route's `?room=` (null = not pinned) */
    pin(room: string | null) {
      pinned.value = room && room.length > 0 ? room : null;
    },
    choose(key: string) {
      chosen.value = key;
    },
  };
});

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
