/**
 * What a screen needs beyond the contract's `Bridge`: whether the link to the engine itself is
 * up. Over IPC it always is (the engine lives in the same app); over the wall server's socket
 * it can drop, and the screens must then mark every figure stale.
 */
import type { Bridge } from '../../../shared/api/contract';

export interface LinkState {
  /** open: calls go through; connecting: first attempt; reconnecting: lost, retrying; refused: the server said no */
  phase: 'connecting' | 'open' | 'reconnecting' | 'refused';
  /** reconnect attempt number while reconnecting, else 0 */
  attempt: number;
  /** one-line reason of the last failure */
  error: string | null;
}

export interface ScreenBridge extends Bridge {
  readonly kind: 'ipc' | 'socket';
  link(): LinkState;
  /** called on every link change; returns the unsubscribe function */
  onLink(listener: (state: LinkState) => void): () => void;
}
