// The cross-contract examples: an exchange that pulls tokens through the token's
// approve/transfer_from, and a multisig that executes an arbitrary call after its approvals.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { encodeArgs } from '../core/abi/codec.js';
import { bytesToHex } from '../core/hex.js';
import { ALICE, BOB, World } from './helpers/calls.js';

const TOKEN = readFileSync('examples/token/contract.py', 'utf8');
const EXCHANGE = readFileSync('examples/exchange/contract.py', 'utf8');
const MULTISIG = readFileSync('examples/multisig/contract.py', 'utf8');
const CAROL = new Uint8Array(32).fill(0xca);
const h = (b: Uint8Array) => '0x' + bytesToHex(b);
const td = new TextDecoder();
const reason = (r: { revertReason: Uint8Array | null }) => td.decode(r.revertReason ?? new Uint8Array(0));

function market() {
  const w = new World();
  const token = w.deploy(TOKEN);
  expect(w.call(token, 'init', [1_000_000]).status).toBe('SUCCESS');
  const ex = w.deploy(EXCHANGE, [h(token), 3]);
  return { w, token, ex };
}

describe('exchange pulls tokens through transfer_from', () => {
  test('stock needs an approval; buy pays value for tokens; sell returns tokens for value', () => {
    const { w, token, ex } = market();
    // without an approval the pull reverts with the token's own reason
    const early = w.call(ex, 'stock', [1000]);
    expect([early.status, reason(early)]).toEqual(['REVERT', 'token: allowance exceeded']);
    expect(w.call(token, 'approve', [h(ex), 1000]).status).toBe('SUCCESS');
    const stocked = w.call(ex, 'stock', [1000]);
    expect(stocked.status).toBe('SUCCESS');
    // the token's Transfer (emitted in the nested frame) comes before the exchange's Stocked
    expect(stocked.logs.map((l) => td.decode(l.name))).toEqual(['Transfer', 'Stocked']);
    expect(stocked.calls!.map((c) => [c.fn, c.status])).toEqual([['transfer_from', 'SUCCESS']]);
    expect(w.call(ex, 'stock_level').returnValue).toBe(1000);
    expect(w.call(token, 'allowance', [h(ALICE), h(ex)]).returnValue).toBe(0);

    w.state.setBalance(BOB, 100n);
    expect(reason(w.call(ex, 'buy', [10], { sender: BOB, value: 29n }))).toBe('exchange: pay exactly amount * price');
    const bought = w.call(ex, 'buy', [10], { sender: BOB, value: 30n });
    expect(bought.status).toBe('SUCCESS');
    expect(w.call(token, 'balance_of', [h(BOB)]).returnValue).toBe(10);
    expect([w.state.getBalance(BOB), w.state.getBalance(ex)]).toEqual([70n, 30n]);
    // more than the stock: the token reverts, and the payment goes back with everything else
    w.state.setBalance(CAROL, 10_000n);
    const short = w.call(ex, 'buy', [2000], { sender: CAROL, value: 6000n });
    expect([short.status, reason(short)]).toEqual(['REVERT', 'token: insufficient balance']);
    expect(w.state.getBalance(CAROL)).toBe(10_000n);

    // bob sells 4 back: approve, then sell pulls them and pays 12
    expect(reason(w.call(ex, 'sell', [4], { sender: BOB }))).toBe('token: allowance exceeded');
    w.call(token, 'approve', [h(ex), 4], { sender: BOB });
    const sold = w.call(ex, 'sell', [4], { sender: BOB });
    expect(sold.status).toBe('SUCCESS');
    expect(w.call(token, 'balance_of', [h(BOB)]).returnValue).toBe(6);
    expect([w.state.getBalance(BOB), w.state.getBalance(ex)]).toEqual([82n, 18n]);
    expect(w.call(ex, 'stock_level').returnValue).toBe(994);
  });

  test('the constructor fixes token and owner: nobody else stocks or withdraws', () => {
    const { w, token, ex } = market();
    expect(bytesToHex(w.call(ex, 'token').returnValue as Uint8Array)).toBe(bytesToHex(token));
    expect(reason(w.call(ex, 'stock', [1], { sender: BOB }))).toBe('exchange: only the owner stocks');
    expect(reason(w.call(ex, 'withdraw', [1], { sender: BOB }))).toBe('exchange: only the owner withdraws');
  });
});

describe('multisig executes an arbitrary call after its approvals', () => {
  function setup() {
    const w = new World();
    const token = w.deploy(TOKEN);
    w.call(token, 'init', [1000]);
    const ms = w.deploy(MULTISIG, [[h(ALICE), h(BOB), h(CAROL)], 2]);
    w.call(token, 'transfer', [h(ms), 500]);
    return { w, token, ms };
  }
  const dave = new Uint8Array(32).fill(0xda);
  const transferArgs = (to: Uint8Array, n: number) => h(encodeArgs(['bytes', 'int'], [to, n]));

  test('propose, two approvals, execute: the multisig calls token.transfer', () => {
    const { w, token, ms } = setup();
    const p = w.call(ms, 'propose', [h(token), 'transfer', ['bytes', 'int'], transferArgs(dave, 120), 0], { sender: BOB });
    expect([p.status, p.returnValue]).toEqual(['SUCCESS', 0]);
    expect(reason(w.call(ms, 'execute', [0], { sender: BOB }))).toBe('multisig: not enough approvals');
    expect(w.call(ms, 'approve', [0], { sender: BOB }).returnValue).toBe(1);
    expect(reason(w.call(ms, 'approve', [0], { sender: BOB }))).toBe('multisig: already approved');
    expect(reason(w.call(ms, 'approve', [0], { sender: dave }))).toBe('multisig: not an owner');
    expect(w.call(ms, 'approve', [0], { sender: CAROL }).returnValue).toBe(2);
    const ex = w.call(ms, 'execute', [0], { sender: ALICE });
    expect(ex.status).toBe('SUCCESS');
    expect(ex.calls!.map((c) => [c.fn, c.status, bytesToHex(c.to)])).toEqual([['transfer', 'SUCCESS', bytesToHex(token)]]);
    expect(ex.logs.map((l) => td.decode(l.name))).toEqual(['Transfer', 'Executed']);
    expect(w.call(token, 'balance_of', [h(dave)]).returnValue).toBe(120);
    expect(w.call(token, 'balance_of', [h(ms)]).returnValue).toBe(380);
    expect(reason(w.call(ms, 'execute', [0], { sender: ALICE }))).toBe('multisig: already executed');
  });

  test('a failing call reverts the execution, which stays open; bad proposals are refused', () => {
    const { w, token, ms } = setup();
    w.call(ms, 'propose', [h(token), 'transfer', ['bytes', 'int'], transferArgs(dave, 9999), 0]);
    w.call(ms, 'approve', [0]);
    w.call(ms, 'approve', [0], { sender: BOB });
    const r = w.call(ms, 'execute', [0]);
    expect([r.status, reason(r)]).toEqual(['REVERT', 'token: insufficient balance']);
    expect(w.call(ms, 'approvals', [0]).returnValue).toBe(2);
    // arguments that do not decode by their types are refused at proposal time
    expect(w.call(ms, 'propose', [h(token), 'transfer', ['bytes', 'int'], '0x01', 0]).status).toBe('ERROR');
    // a function the target does not have fails at execution with a defined error
    w.call(ms, 'propose', [h(token), 'mint', ['int'], h(encodeArgs(['int'], [5])), 0]);
    w.call(ms, 'approve', [1]);
    w.call(ms, 'approve', [1], { sender: CAROL });
    const bad = w.call(ms, 'execute', [1]);
    expect([bad.status, bad.error?.kind]).toEqual(['ERROR', 'CallError']);
    expect(reason(w.call(ms, 'propose', [h(token), 'transfer', [], '0x', 0], { sender: dave }))).toBe('multisig: not an owner');
  });

  test('the constructor refuses a bad threshold and duplicate owners', () => {
    const w = new World();
    expect(() => w.deploy(MULTISIG, [[h(ALICE)], 2])).toThrow(/REVERT/);
    expect(() => w.deploy(MULTISIG, [[h(ALICE), h(ALICE)], 1])).toThrow(/REVERT/);
  });
});
