// The stdlib examples under realistic call sequences: escrow with funds and caller checks,
// a token with allowances and events, and a registry of post-quantum keys verified with
// pq.verify (signed here with @noble/post-quantum). Each manifest must match its contract.
import { readFileSync } from 'node:fs';
import { ml_dsa44, ml_dsa65 } from '@noble/post-quantum/ml-dsa.js';
import { describe, expect, test } from 'vitest';
import { canonicalTypeName } from '../core/abi/types.js';
import { normalizeManifest } from '../node/manifest.js';
import type { Receipt } from '../node/execute.js';
import { decodeEventData } from '../stdlib/event_codec.js';
import { TestContract } from './helpers/contract.js';

const A = (b: number) => '0x' + b.toString(16).padStart(2, '0').repeat(32);
const raw = (h: string) => new Uint8Array(Buffer.from(h.slice(2), 'hex'));
const H = (b: Uint8Array) => '0x' + Buffer.from(b).toString('hex');
const reason = (r: Receipt) => (r.revertReason ? new TextDecoder().decode(r.revertReason) : null);
const events = (r: Receipt) =>
  r.logs.map((l) => [new TextDecoder().decode(l.name), Object.fromEntries(decodeEventData(l.data).map(([k, v]) => [k, v instanceof Uint8Array ? H(v) : v]))]);

function ok(r: Receipt): Receipt {
  expect(r.status, JSON.stringify(r.error ?? reason(r))).toBe('SUCCESS');
  return r;
}

describe('manifests match their contracts', () => {
  for (const name of ['escrow', 'token', 'pq_registry']) {
    test(name, () => {
      const m = normalizeManifest(JSON.parse(readFileSync(`examples/${name}/manifest.json`, 'utf8')));
      const c = TestContract.fromFile(`examples/${name}/${m.entry}`);
      expect(new Set(m.abi.functions.map((f) => f.name))).toEqual(new Set(c.module.byName.keys()));
      for (const f of m.abi.functions) {
        const ex = c.module.byName.get(f.name)!;
        expect(
          f.inputs.map((p) => canonicalTypeName(p.type)),
          f.name,
        ).toEqual(ex.params);
        expect(f.outputs.length ? canonicalTypeName(f.outputs[0].type) : 'none', f.name).toBe(ex.returns);
      }
    });
  }
});

describe('escrow: treasury flow with caller authorization', () => {
  const DEPOSITOR = A(0x11);
  const BENEFICIARY = A(0x22);
  const ARBITER = A(0x33);
  const as = (who: string, value = 0n) => ({ sender: raw(who), value });

  function funded(): TestContract {
    const c = TestContract.fromFile('examples/escrow/contract.py');
    c.state.setBalance(raw(DEPOSITOR), 1000n);
    ok(c.call('setup', [BENEFICIARY, ARBITER, 600], 1_000_000, as(DEPOSITOR, 600n)));
    return c;
  }

  test('setup takes exactly the amount as call value', () => {
    const c = TestContract.fromFile('examples/escrow/contract.py');
    c.state.setBalance(raw(DEPOSITOR), 1000n);
    const r = c.call('setup', [BENEFICIARY, ARBITER, 600], 1_000_000, as(DEPOSITOR, 599n));
    expect(reason(r)).toBe('escrow: send exactly the amount');
    expect(c.state.getBalance(raw(DEPOSITOR))).toBe(1000n); // the value came back
    const f = funded();
    expect(f.call('held').returnValue).toBe(600);
    expect(f.state.getBalance(raw(DEPOSITOR))).toBe(400n);
    expect(f.call('state').returnValue).toEqual(new TextEncoder().encode('funded'));
  });

  test('only the arbiter settles; release pays the beneficiary once', () => {
    const c = funded();
    for (const who of [DEPOSITOR, BENEFICIARY]) expect(reason(c.call('release', [], 1_000_000, as(who)))).toBe('escrow: only the arbiter');
    const r = ok(c.call('release', [], 1_000_000, as(ARBITER)));
    expect(events(r)).toEqual([['released', { to: BENEFICIARY, amount: 600 }]]);
    expect(c.state.getBalance(raw(BENEFICIARY))).toBe(600n);
    expect(c.call('held').returnValue).toBe(0);
    expect(reason(c.call('refund', [], 1_000_000, as(ARBITER)))).toBe('escrow: not funded');
    expect(reason(c.call('release', [], 1_000_000, as(ARBITER)))).toBe('escrow: not funded');
  });

  test('refund returns the deposit to the depositor', () => {
    const c = funded();
    ok(c.call('refund', [], 1_000_000, as(ARBITER)));
    expect(c.state.getBalance(raw(DEPOSITOR))).toBe(1000n);
    expect(c.state.getBalance(raw(BENEFICIARY))).toBe(0n);
    expect(c.call('state').returnValue).toEqual(new TextEncoder().encode('refunded'));
  });

  test('settlement calls refuse value', () => {
    const c = funded();
    c.state.setBalance(raw(ARBITER), 5n);
    expect(reason(c.call('release', [], 1_000_000, as(ARBITER, 5n)))).toBe('escrow: settlement takes no value');
    expect(c.state.getBalance(raw(ARBITER))).toBe(5n);
  });
});

describe('token: balances, transfer, approve / transfer_from, events', () => {
  const ALICE = A(0xa1);
  const BOB = A(0xb0);
  const CAROL = A(0xca);
  const as = (who: string) => ({ sender: raw(who) });

  test('a full sequence', () => {
    const c = TestContract.fromFile('examples/token/contract.py');
    const mint = ok(c.call('init', [1_000_000], 1_000_000, as(ALICE)));
    expect(events(mint)).toEqual([['Transfer', { sender: '0x' + '00'.repeat(32), to: ALICE, amount: 1_000_000 }]]);
    expect(reason(c.call('init', [5], 1_000_000, as(BOB)))).toBe('token: already initialized');
    expect(c.call('name').returnValue).toBe('Animica Test Token');
    expect(c.call('total_supply').returnValue).toBe(1_000_000);

    const t = ok(c.call('transfer', [BOB, 250], 1_000_000, as(ALICE)));
    expect(t.returnValue).toBe(true);
    expect(events(t)).toEqual([['Transfer', { sender: ALICE, to: BOB, amount: 250 }]]);
    expect(c.call('balance_of', [ALICE]).returnValue).toBe(999_750);
    expect(c.call('balance_of', [BOB]).returnValue).toBe(250);
    expect(reason(c.call('transfer', [CAROL, 251], 1_000_000, as(BOB)))).toBe('token: insufficient balance');
    expect(reason(c.call('transfer', [CAROL, -1], 1_000_000, as(BOB)))).toBe('token: negative amount');

    const ap = ok(c.call('approve', [CAROL, 100], 1_000_000, as(BOB)));
    expect(events(ap)).toEqual([['Approval', { owner: BOB, spender: CAROL, amount: 100 }]]);
    expect(c.call('allowance', [BOB, CAROL]).returnValue).toBe(100);
    expect(reason(c.call('transfer_from', [BOB, CAROL, 101], 1_000_000, as(CAROL)))).toBe('token: allowance exceeded');
    expect(reason(c.call('transfer_from', [BOB, CAROL, 1], 1_000_000, as(ALICE)))).toBe('token: allowance exceeded');
    const tf = ok(c.call('transfer_from', [BOB, CAROL, 60], 1_000_000, as(CAROL)));
    expect(events(tf)).toEqual([['Transfer', { sender: BOB, to: CAROL, amount: 60 }]]);
    expect(c.call('allowance', [BOB, CAROL]).returnValue).toBe(40);
    // spending the rest deletes the allowance slot, which earns the clear refund
    const last = ok(c.call('transfer_from', [BOB, CAROL, 40], 1_000_000, as(CAROL)));
    expect(last.refund).toBeGreaterThan(0);
    expect(c.call('allowance', [BOB, CAROL]).returnValue).toBe(0);
    expect(c.call('balance_of', [BOB]).returnValue).toBe(150);
    expect(c.call('balance_of', [CAROL]).returnValue).toBe(100);
    // supply is conserved
    const sum = [ALICE, BOB, CAROL].reduce((s, who) => s + (c.call('balance_of', [who]).returnValue as number), 0);
    expect(sum).toBe(1_000_000);
  });

  test('a failed transfer leaves balances and events untouched', () => {
    const c = TestContract.fromFile('examples/token/contract.py');
    ok(c.call('init', [10], 1_000_000, as(ALICE)));
    const r = c.call('transfer', ['0x1234', 1], 1_000_000, as(ALICE));
    expect(reason(r)).toBe('token: bad address length');
    expect(r.logs).toEqual([]);
    expect(c.call('balance_of', [ALICE]).returnValue).toBe(10);
  });
});

describe('pq_registry: keys proven with pq.verify', () => {
  const OWNER = A(0x11);
  const OTHER = A(0x44);
  const CONTRACT = new Uint8Array(32).fill(0xcc); // the test harness's contract address
  const regMsg = (owner: string) => new Uint8Array([...new TextEncoder().encode('animica:pq-registry:v1|'), ...CONTRACT, ...raw(owner)]);

  test('register, check, reject a replayed or forged registration, revoke', () => {
    const c = TestContract.fromFile('examples/pq_registry/contract.py');
    const { publicKey, secretKey } = ml_dsa44.keygen(new Uint8Array(32).fill(5));
    const sig = ml_dsa44.sign(regMsg(OWNER), secretKey);
    // a signature for another caller does not register for this one
    expect(reason(c.call('register', [1, H(publicKey), H(sig)], 2_000_000, { sender: raw(OTHER) }))).toBe('registry: bad signature');
    const r = ok(c.call('register', [1, H(publicKey), H(sig)], 2_000_000, { sender: raw(OWNER) }));
    const addr = r.returnValue as Uint8Array;
    expect(events(r)).toEqual([['Registered', { addr: H(addr), owner: OWNER, alg: 1 }]]);
    expect(reason(c.call('register', [1, H(publicKey), H(sig)], 2_000_000, { sender: raw(OWNER) }))).toBe('registry: already registered');
    expect(c.call('key_of', [H(addr)]).returnValue).toEqual(publicKey);
    expect(c.call('owner_of', [H(addr)]).returnValue).toEqual(raw(OWNER));

    const doc = new TextEncoder().encode('pay 10 to carol');
    const docSig = ml_dsa44.sign(doc, secretKey);
    expect(ok(c.call('check', [H(addr), H(doc), H(docSig)], 2_000_000)).returnValue).toBe(true);
    expect(c.call('check', [H(addr), H(doc.subarray(1)), H(docSig)], 2_000_000).returnValue).toBe(false);
    const stranger = ml_dsa65.keygen(new Uint8Array(32).fill(6));
    expect(c.call('check', [H(addr), H(doc), H(ml_dsa65.sign(doc, stranger.secretKey))], 2_000_000).returnValue).toBe(false);

    expect(reason(c.call('revoke', [H(addr)], 1_000_000, { sender: raw(OTHER) }))).toBe('registry: only the owner');
    const rv = ok(c.call('revoke', [H(addr)], 1_000_000, { sender: raw(OWNER) }));
    expect(rv.refund).toBeGreaterThan(0);
    expect(c.call('check', [H(addr), H(doc), H(docSig)], 2_000_000).returnValue).toBe(false);
    expect(c.call('key_of', [H(addr)]).returnValue).toEqual(new Uint8Array(0));
  });
});
