// The call's environment: the transaction and the block, both supplied by the host. They
// are the only outside facts a contract can observe.

export interface TxEnv {
  hash: Uint8Array; // 32 bytes
  sender: Uint8Array;
  /** the contract being called */
  to: Uint8Array;
  value: bigint;
  nonce: bigint;
}

export interface BlockEnv {
  height: bigint;
  timestamp: bigint;
  chainId: bigint;
  coinbase: Uint8Array;
  /** 32-byte randomness beacon of the block (syscalls.read_beacon) */
  beacon: Uint8Array;
}

export function defaultTx(addressBytes = 32): TxEnv {
  return {
    hash: new Uint8Array(32),
    sender: filled(addressBytes, 0x11),
    to: filled(addressBytes, 0xcc),
    value: 0n,
    nonce: 0n,
  };
}

export function defaultBlock(addressBytes = 32): BlockEnv {
  return { height: 1n, timestamp: 1_700_000_000n, chainId: 1n, coinbase: filled(addressBytes, 0), beacon: new Uint8Array(32) };
}

function filled(n: number, b: number): Uint8Array {
  return new Uint8Array(n).fill(b);
}
