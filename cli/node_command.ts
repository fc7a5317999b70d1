// `vm-py node --port N [--state DIR] [--fund ADDR=AMOUNT ...] [--coinbase ADDR]`: a local
// development node serving JSON-RPC on 127.0.0.1 (host/rpc/server.ts) over the LMDB store in
// DIR (default .vm-py/chain). Runs until SIGINT or SIGTERM, then closes the store.
import { DevChain } from '../host/rpc/dev_chain.js';
import { serve } from '../host/rpc/server.js';
import { bigParam, bytesParam } from '../host/rpc/json.js';
import { DEFAULT_LIMITS } from '../spec/table.js';
import { UsageError } from './fail.js';

export interface NodeArgs {
  port: number;
  state?: string;
  fund?: string[];
  coinbase?: string;
}

export const DEFAULT_CHAIN_PATH = '.vm-py/chain';

export async function nodeCommand(a: NodeArgs, out: (s: string) => void): Promise<number> {
  if (!Number.isInteger(a.port) || a.port < 0 || a.port > 65535) throw new UsageError(`--port must be 0..65535, got ${a.port}`);
  const fund: [Uint8Array, bigint][] = (a.fund ?? []).map((f) => {
    const m = /^(0x)?([0-9a-fA-F]+)=([0-9]+)$/.exec(f);
    if (!m) throw new UsageError(`--fund takes ADDRESS=AMOUNT (hex address, decimal amount), got ${f}`);
    return [bytesParam(m[2], '--fund address', DEFAULT_LIMITS.address_bytes), bigParam(m[3], '--fund amount')];
  });
  const coinbase = a.coinbase === undefined ? undefined : bytesParam(a.coinbase, '--coinbase', DEFAULT_LIMITS.address_bytes);
  const path = a.state ?? DEFAULT_CHAIN_PATH;
  const chain = DevChain.open(path, { fund, coinbase });
  const server = await serve(chain, a.port);
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : a.port;
  out(`vm-py node listening on http://127.0.0.1:${port} (store ${path}, height ${chain.store.head().height})`);
  await new Promise<void>((done) => {
    const stop = () => server.close(() => done());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await chain.close();
  return 0;
}
