// The execution adapter as a node uses it: deploy, call by name or calldata, stored code,
// dict returns through the manifest, receipts with bytes and hash.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { compileSource } from '../compiler/index.js';
import { contractAddress, loadCode, type CallRequest } from '../node/adapter.js';
import { call, deploy } from '../node/source.js';
import { defaultBlock, defaultTx, type TxEnv } from '../core/context.js';
import { bytesToHex } from '../core/hex.js';
import { MemoryState } from '../node/state.js';
import { AbiError, ManifestError, StateError } from '../spec/errors.js';

const counterSrc = readFileSync('examples/counter/contract.py', 'utf8');
const counterManifest = JSON.parse(readFileSync('examples/counter/manifest.json', 'utf8'));
const hex = bytesToHex;
const sender = new Uint8Array(32).fill(0x11);

function setup() {
  const state = new MemoryState();
  const d = deploy({
    contract: { manifest: counterManifest, source: counterSrc },
    gasLimit: 100_000,
    tx: { ...defaultTx(), sender, nonce: 7n },
    block: defaultBlock(),
    state,
  });
  const tx: TxEnv = { ...defaultTx(), sender, to: d.created!.address };
  const req = (input: CallRequest['input'], gasLimit = 100_000): CallRequest => ({ input, gasLimit, tx, block: defaultBlock(), state });
  return { state, d, tx, req };
}

describe('deploy', () => {
  test('stores the code at an address derived from sender and nonce, and says so in the receipt', () => {
    const { state, d } = setup();
    expect(d.status).toBe('SUCCESS');
    const addr = contractAddress(sender, 7n);
    expect(hex(d.created!.address)).toBe(hex(addr));
    expect(hex(d.returnData)).toBe('20' + hex(addr));
    const code = compileSource(counterSrc, { file: 'contract.py' });
    expect(hex(state.getCode(addr)!)).toBe(hex(code.bytes));
    expect(hex(d.created!.codeHash)).toBe(hex(code.codeHash));
    expect(d.gasUsed).toBe(400 + 8 * code.bytes.length);
    expect(hex(contractAddress(sender, 8n))).not.toBe(hex(addr));
  });

  test('the same address twice is an ERROR receipt and leaves the first code', () => {
    const { state, d } = setup();
    const again = deploy({
      contract: { code: new Uint8Array(state.getCode(d.created!.address)!) },
      gasLimit: 100_000,
      tx: { ...defaultTx(), sender, nonce: 7n },
      block: defaultBlock(),
      state,
    });
    expect(again).toMatchObject({ status: 'ERROR', error: { code: 'E-STATE' } });
    expect(again.created).toBeUndefined();
  });

  test('bad IR bytes give an ERROR receipt; too little gas is OOG; nothing is stored', () => {
    const state = new MemoryState();
    const bad = deploy({ contract: { code: Uint8Array.of(1, 2, 3) }, gasLimit: 100_000, tx: defaultTx(), block: defaultBlock(), state });
    expect(bad).toMatchObject({ status: 'ERROR', error: { code: 'E-IR-DECODE' }, gasUsed: 400 + 24 });
    const code = compileSource(counterSrc).bytes;
    const oog = deploy({ contract: { code }, gasLimit: 500, tx: defaultTx(), block: defaultBlock(), state });
    expect(oog).toMatchObject({ status: 'OOG', gasUsed: 500 });
    expect(state.code.size).toBe(0);
  });
});

describe('call', () => {
  test('by name, by calldata, by named args: same calldata, receipts carry bytes and hash', () => {
    const { req } = setup();
    const a = call(req({ fn: 'set', args: [5] }));
    expect(a.status).toBe('SUCCESS');
    expect(hex(a.calldata)).toBe('a45c4fc944fe4f5c0a');
    const b = call(req(a.calldata));
    const c = call(req({ fn: 'set', args: { n: 5 } }));
    // b and c see the same state (a already created the slot) -> the very same receipt
    expect(hex(b.calldata)).toBe(hex(a.calldata));
    expect(hex(c.encoded)).toBe(hex(b.encoded));
    expect(hex(c.hash)).toBe(hex(b.hash));
    expect(b.gasUsed).toBeLessThan(a.gasUsed);
    const g = call(req({ fn: 'get' }));
    expect(g.returnValue).toBe(5);
    expect(hex(g.returnData)).toBe('0a');
  });

  test('bigint and Uint8Array arguments are accepted as JS values', () => {
    const { req } = setup();
    expect(call(req({ fn: 'set', args: [2n ** 70n] })).status).toBe('SUCCESS');
    expect(call(req({ fn: 'get' })).returnValue).toBe(2n ** 70n);
  });

  test('input mistakes are typed errors; contract failures are receipts', () => {
    const { req, state } = setup();
    expect(() => call(req({ fn: 'nope' }))).toThrow(AbiError);
    expect(() => call(req({ fn: 'set', args: ['x'] }))).toThrow(AbiError);
    expect(() => call(req({ fn: 'set', args: { m: 1 } }))).toThrow(/no parameter 'm'/);
    expect(() => call({ ...req({ fn: 'get' }), tx: { ...defaultTx(), to: new Uint8Array(32) } })).toThrow(StateError);
    expect(call(req(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8)))).toMatchObject({ status: 'ERROR', error: { kind: 'UnknownFunction' } });
    expect(call(req({ fn: 'set', args: [-1] }))).toMatchObject({ status: 'REVERT' });
    expect(() =>
      call({
        ...req({ fn: 'get' }),
        state: { getStorage: state.getStorage.bind(state), setStorage: state.setStorage.bind(state), getBalance: () => 0n, setBalance: () => {} },
      }),
    ).toThrow(/no code store/);
  });

  test('code given directly runs without a code store', () => {
    const code = compileSource(counterSrc).bytes;
    const state = new MemoryState();
    const r = call({ contract: { code }, input: { fn: 'inc' }, gasLimit: 100_000, tx: defaultTx(), block: defaultBlock(), state });
    expect(r.returnValue).toBe(1);
  });

  test('modules are cached by the hash of their bytes', () => {
    const code = compileSource(counterSrc).bytes;
    expect(loadCode(code)).toBe(loadCode(new Uint8Array(code)));
    const stripped = compileSource(counterSrc, { strip: true }).bytes;
    expect(loadCode(stripped)).not.toBe(loadCode(code));
    expect(hex(loadCode(stripped).codeHash)).toBe(hex(loadCode(code).codeHash));
  });
});

const DICT_SRC = `from stdlib import abi

def pair(a: int, b: int) -> dict:
    return {"sum": a + b, "diff": a - b}

def missing() -> dict:
    return {"sum": 1}

def extra() -> dict:
    return {"sum": 1, "diff": 2, "x": 3}

def small(x: int) -> int:
    return x * 2
`;
const DICT_MANIFEST = {
  name: 'dicts',
  entry: 'dicts.py',
  abi: {
    functions: [
      {
        name: 'pair',
        inputs: [
          { name: 'a', type: 'int' },
          { name: 'b', type: 'int' },
        ],
        outputs: [
          { name: 'diff', type: 'int' },
          { name: 'sum', type: 'int' },
        ],
      },
      {
        name: 'missing',
        inputs: [],
        outputs: [
          { name: 'sum', type: 'int' },
          { name: 'diff', type: 'int' },
        ],
      },
      {
        name: 'extra',
        inputs: [],
        outputs: [
          { name: 'sum', type: 'int' },
          { name: 'diff', type: 'int' },
        ],
      },
      { name: 'small', inputs: [{ name: 'x', type: 'u8' }], outputs: [{ type: 'u8' }] },
    ],
  },
};

describe('dict returns and sized types through the manifest', () => {
  const base = { gasLimit: 100_000, tx: defaultTx(), block: defaultBlock(), state: new MemoryState() };
  const contract = { manifest: DICT_MANIFEST, source: DICT_SRC };

  test('values are taken by name in declared order', () => {
    const r = call({ ...base, contract, input: { fn: 'pair', args: [10, 3] } });
    expect(r.status).toBe('SUCCESS');
    expect(hex(r.returnData)).toBe('0e1a'); // diff 7, sum 13
  });

  test('a missing or an extra key is a VmError', () => {
    expect(call({ ...base, contract, input: { fn: 'missing' } })).toMatchObject({ status: 'ERROR', error: { code: 'E-VM', kind: 'KeyError' } });
    expect(call({ ...base, contract, input: { fn: 'extra' } })).toMatchObject({ status: 'ERROR', error: { code: 'E-VM', kind: 'ValueError' } });
  });

  test('without a manifest a dict return cannot be encoded', () => {
    const code = compileSource(DICT_SRC).bytes;
    expect(call({ ...base, contract: { code }, input: { fn: 'pair', args: [1, 2] } })).toMatchObject({ status: 'ERROR', error: { kind: 'TypeError' } });
    expect(hex(call({ ...base, contract: { code }, manifest: DICT_MANIFEST, input: { fn: 'pair', args: [1, 2] } }).returnData)).toBe('0106');
  });

  test('sized manifest types check arguments and results', () => {
    expect(call({ ...base, contract, input: { fn: 'small', args: [100] } }).returnValue).toBe(200);
    expect(() => call({ ...base, contract, input: { fn: 'small', args: [300] } })).toThrow(/out of range for u8/);
    // 128 is a valid u8 argument, but 256 does not fit the declared u8 result
    expect(call({ ...base, contract, input: { fn: 'small', args: [128] } })).toMatchObject({ status: 'ERROR', error: { code: 'E-ABI' } });
    // raw calldata carrying 300 is refused by the decoder, as a receipt
    const code = compileSource(DICT_SRC).bytes;
    const raw = call({ ...base, contract: { code }, input: { fn: 'small', args: [300] } }).calldata;
    expect(call({ ...base, contract, input: raw })).toMatchObject({ status: 'ERROR', error: { code: 'E-ABI' } });
  });

  test('a manifest that disagrees with the source is a ManifestError', () => {
    const m = structuredClone(DICT_MANIFEST);
    m.abi.functions[0].outputs = [{ type: 'int' } as never];
    expect(() => call({ ...base, contract: { manifest: m, source: DICT_SRC }, input: { fn: 'pair', args: [1, 2] } })).toThrow(ManifestError);
  });
});
