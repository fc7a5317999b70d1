// Deploy and call helpers for the cross-contract call tests: contracts from source, one
// MemoryState, one sender.
import { compileSource } from '../../compiler/index.js';
import { call, deploy, type AdapterReceipt } from '../../node/adapter.js';
import { defaultBlock, defaultTx } from '../../core/context.js';
import { MemoryState } from '../../node/state.js';

export const ALICE = new Uint8Array(32).fill(0xa1);
export const BOB = new Uint8Array(32).fill(0xb0);

export class World {
  readonly state = new MemoryState();
  private nonce = 0n;

  deploy(source: string, args: unknown[] = [], sender = ALICE): Uint8Array {
    const r = deploy({
      contract: { code: compileSource(source).bytes },
      args,
      gasLimit: 5_000_000,
      tx: { ...defaultTx(), sender, nonce: this.nonce++ },
      block: defaultBlock(),
      state: this.state,
    });
    if (r.status !== 'SUCCESS') throw new Error(`deploy failed: ${r.status} ${r.error?.message}`);
    return r.created!.address;
  }

  call(to: Uint8Array, fn: string, args: unknown[] = [], opts: { sender?: Uint8Array; gas?: number; value?: bigint } = {}): AdapterReceipt {
    return call({
      input: { fn, args },
      gasLimit: opts.gas ?? 5_000_000,
      tx: { ...defaultTx(), sender: opts.sender ?? ALICE, to, value: opts.value ?? 0n },
      block: defaultBlock(),
      state: this.state,
    });
  }
}
