// What block execution needs from a state: the adapter's storage and balances, deployed
// code, and one nonce per account (the count of its included transactions).
import type { CodeStore, StateAdapter } from '../state.js';

export interface ChainState extends StateAdapter, CodeStore {
  getNonce(address: Uint8Array): bigint;
  setNonce(address: Uint8Array, nonce: bigint): void;
}

/** A state whose whole content can be listed, so a state root can be built from it once. */
export interface IterableState extends ChainState {
  /** every address with storage, a balance, code or a nonce, once each */
  addresses(): Iterable<Uint8Array>;
  /** the non-empty slots of one address as [key, value] */
  storageEntries(address: Uint8Array): Iterable<[Uint8Array, Uint8Array]>;
}

export function isChainState(s: unknown): s is ChainState {
  const o = s as Partial<ChainState> | null;
  return !!o && typeof o.getNonce === 'function' && typeof o.setNonce === 'function' && typeof o.getStorage === 'function' && typeof o.getCode === 'function';
}
