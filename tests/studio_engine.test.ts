// The studio's engine without a browser: diagnostics, ABI forms' inputs, deploy and call
// against the in-page state (receipts equal to the adapter's), traces that add up to the
// gas charged, storage diffs, saving and loading a session, and share links.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { call, compileSource, defaultBlock, defaultTx, deploy, MemoryState } from '../index.js';
import { ENTRY } from '../spec/table.js';
import { check, DEFAULT_GAS_LIMIT, fieldToJson, InputError, MAX_TRACE_STEPS, Session, showBytes, type Compiled } from '../studio/engine.js';
import { decodeShare, encodeShare } from '../studio/share.js';
import { studioExamples } from '../scripts/build-studio.mjs';

const COUNTER = readFileSync('examples/counter/contract.py', 'utf8');

function compiled(src: string): Compiled {
  const r = check(src);
  if (!r.ok) throw new Error(JSON.stringify(r.diags));
  return r.compiled;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('check', () => {
  test('diagnostics carry code, message and the 1-based line:col of the validator', () => {
    const r = check(COUNTER.replace('return storage.get_int(KEY)', 'return storage.get_int(KEYS)'));
    expect(r.ok).toBe(false);
    expect(r.diags).toEqual([{ code: 'E-NAME', message: "name 'KEYS' is not defined", line: 8, col: 28 }]);
  });

  test('a syntax error is one diagnostic at its place, not an exception', () => {
    const r = check('def f(:\n    pass\n');
    expect(r.ok).toBe(false);
    expect(r.diags[0]).toMatchObject({ code: 'E-SYNTAX', line: 1 });
  });

  test('every example compiles and has public functions for the forms', () => {
    const ex = studioExamples();
    expect(ex.map((e: { name: string }) => e.name)[0]).toBe('counter');
    expect(ex.length).toBeGreaterThanOrEqual(4);
    for (const e of ex) {
      const c = compiled(e.source);
      expect(c.functions.length, e.name).toBeGreaterThan(0);
      expect(c.functions.every((f) => f.params.every((p) => p.name && p.type))).toBe(true);
    }
  });

  test('every example deploys, and its functions without arguments give receipts', () => {
    for (const e of studioExamples()) {
      const s = new Session();
      const c = compiled(e.source);
      if (c.ctor?.params.length) {
        // the deploy form asks for these; without them the adapter says what is missing
        expect(() => s.deploy(c, []), e.name).toThrow(/expected \d+ arguments/);
        continue;
      }
      expect(s.deploy(c, []).status, e.name).toBe('SUCCESS');
      for (const f of c.functions.filter((f) => f.params.length === 0)) {
        expect(['SUCCESS', 'REVERT'], `${e.name}.${f.name}`).toContain(s.call(f.name, []).status);
      }
    }
  });

  test('the constructor is the deploy form, not a function form', () => {
    const c = compiled(
      'from stdlib import storage\n\ndef __init__(n: int, who: bytes) -> None:\n    storage.set_int(who, n)\n\ndef get(who: bytes) -> int:\n    return storage.get_int(who)\n',
    );
    expect(c.ctor?.params).toEqual([
      { name: 'n', type: 'int' },
      { name: 'who', type: 'bytes' },
    ]);
    expect(c.functions.map((f) => f.name)).toEqual(['get']);
  });
});

describe('form fields', () => {
  test('typed fields become the ABI JSON forms', () => {
    expect(fieldToJson({ name: 'n', type: 'int' }, ' 123456789012345678901234567890 ')).toBe('123456789012345678901234567890');
    expect(fieldToJson({ name: 'b', type: 'bool' }, 'true')).toBe(true);
    expect(fieldToJson({ name: 'x', type: 'bytes' }, '0xABcd')).toBe('0xabcd');
    expect(fieldToJson({ name: 's', type: 'str' }, ' hi ')).toBe(' hi ');
    expect(fieldToJson({ name: 'l', type: 'list[int]' }, '[1, 2]')).toEqual([1, 2]);
  });

  test('bad text is an InputError naming the field', () => {
    for (const [type, text] of [
      ['int', '1.5'],
      ['int', ''],
      ['bytes', '0xabc'],
      ['address', 'zz'],
      ['bool', 'yes'],
      ['list[int]', '[1,'],
    ]) {
      let err: unknown;
      try {
        fieldToJson({ name: 'p', type }, text);
      } catch (e) {
        err = e;
      }
      expect(err, `${type} ${text}`).toBeInstanceOf(InputError);
      expect((err as InputError).field).toBe('p');
    }
  });
});

describe('session', () => {
  test("deploy and calls give the adapter's receipts, nonce one per transaction", () => {
    const s = new Session();
    const c = compiled(COUNTER);
    const outs = [s.deploy(c, []), s.call('inc', []), s.call('set', ['41']), s.call('inc', []), s.call('get', [])];
    expect(outs.map((o) => o.status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS']);
    expect(outs[4].result).toBe(42);
    const state = new MemoryState();
    const block = defaultBlock();
    const d = deploy({
      contract: { code: compileSource(COUNTER, { file: 'contract.py' }).bytes },
      gasLimit: DEFAULT_GAS_LIMIT,
      tx: { ...defaultTx(), nonce: 0n },
      block,
      state,
    });
    const to = d.created!.address;
    const calls: [string, unknown[]][] = [
      ['inc', []],
      ['set', ['41']],
      ['inc', []],
      ['get', []],
    ];
    const receipts = [
      d,
      ...calls.map(([fn, args], i) =>
        call({ input: { fn, args }, gasLimit: DEFAULT_GAS_LIMIT, tx: { ...defaultTx(), to, nonce: BigInt(i + 1) }, block, state }),
      ),
    ];
    expect(outs.map((o) => o.receiptHash)).toEqual(receipts.map((r) => hex(r.hash)));
    expect(outs.slice(1).map((o) => o.calldata)).toEqual(receipts.slice(1).map((r) => hex(r.calldata)));
    expect(outs[4].returnData).toBe(hex(receipts[4].returnData));
    expect(s.state.snapshot()).toEqual(state.snapshot());
  });

  test('the trace adds up to the gas charged, and gas by line to the trace', () => {
    const s = new Session();
    s.deploy(compiled(COUNTER), []);
    const o = s.call('inc', []);
    const calldataLen = 8; // the 8-byte selector (spec/ABI.md), no arguments
    const entry = ENTRY.base + ENTRY.perCalldataByte * calldataLen;
    const traced = o.trace.reduce((a, t) => a + t.cost, 0);
    expect(traced + entry).toBe(o.gasUsed + o.refund);
    expect(o.trace[0].gasLeft + o.trace[0].cost).toBe(DEFAULT_GAS_LIMIT - entry);
    expect(Object.values(o.gasByLine).reduce((a, b) => a + b, 0)).toBe(o.trace.filter((t) => t.line > 0).reduce((a, t) => a + t.cost, 0));
    // inc's body is lines 12-15 of the example
    expect(
      Object.keys(o.gasByLine)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([12, 13, 14, 15]);
    expect(o.trace.every((t) => t.fn === 'inc' && t.op.length > 0)).toBe(true);
  });

  test('a long loop: the trace is cut, the gas per line still counts every instruction', () => {
    const s = new Session();
    s.deploy(compiled('def spin() -> int:\n    i = 0\n    while True:\n        i += 1\n    return i\n'), []);
    const o = s.call('spin', [], { gasLimit: 300_000 });
    expect(o.status).toBe('OOG');
    expect(o.trace).toHaveLength(MAX_TRACE_STEPS);
    expect(o.instructions).toBeGreaterThan(MAX_TRACE_STEPS);
    const entry = ENTRY.base + ENTRY.perCalldataByte * 8;
    expect(Object.values(o.gasByLine).reduce((a, b) => a + b, 0) + entry).toBe(300_000);
  });

  test('storage diff and events of a call', () => {
    const s = new Session();
    s.deploy(compiled(COUNTER), []);
    const o = s.call('set', ['300']);
    expect(o.diff).toEqual([{ address: s.address, key: hex(new TextEncoder().encode('counter')), before: null, after: expect.any(String) }]);
    expect(showBytes(o.diff[0].key)).toBe("'counter'");
    expect(o.events).toEqual([{ name: 'Set', data: { value: 300 } }]);
    const again = s.call('set', ['0']);
    expect(again.diff[0].before).toBe(o.diff[0].after);
  });

  test('a revert, an out-of-gas and a bad argument', () => {
    const s = new Session();
    s.deploy(compiled(COUNTER), []);
    const r = s.call('set', ['-1']);
    expect(r.status).toBe('REVERT');
    expect(r.error).toContain('counter: negative value');
    expect(r.diff).toEqual([]);
    const oog = s.call('inc', [], { gasLimit: 1000 });
    expect(oog.status).toBe('OOG');
    expect(oog.gasUsed).toBe(1000);
    const nonce = s.nonce;
    expect(() => s.call('set', ['x'])).toThrow(/int/);
    expect(s.nonce).toBe(nonce); // no receipt, no transaction
  });

  test('saved and loaded, a session goes on with the same receipts', () => {
    const a = new Session();
    a.deploy(compiled(COUNTER), []);
    a.call('inc', []);
    const { session: b, problem } = Session.load(a.save());
    expect(problem).toBeNull();
    expect(b.history.map((h) => h.receiptHash)).toEqual(a.history.map((h) => h.receiptHash));
    expect(b.call('inc', []).receiptHash).toBe(a.call('inc', []).receiptHash);
    // (lines differ: the IR knows a function's first statement, the source its def)
    const sig = (c: Compiled | null) => c?.functions.map(({ name, params, returns }) => ({ name, params, returns }));
    expect(sig(b.compiled)).toEqual(sig(a.compiled));
    expect(b.compiled?.codeHash).toBe(a.compiled?.codeHash);
    // the forms come from the deployed IR, so a saved source that no longer compiles keeps its state
    const saved = JSON.parse(a.save());
    saved.compiled.source = 'def broken(:\n';
    const c = Session.load(JSON.stringify(saved));
    expect(c.problem).toBeNull();
    expect(c.session.call('get', []).result).toBe(2);
    saved.address = '00'.repeat(32);
    expect(Session.load(JSON.stringify(saved)).problem).toMatch(/no code at the saved contract address/);
    expect(Session.load('{"v": 7}').problem).toMatch(/unknown version/);
    expect(Session.load('not json').problem).toMatch(/saved state ignored/);
    expect(Session.load(null).session.address).toBeNull();
  });

  test('a funded sender sends value; funding is no transaction', () => {
    const s = new Session();
    s.deploy(compiled(COUNTER), []);
    const sender = '0x' + '11'.repeat(32);
    const poor = s.call('inc', [], { value: '10' });
    expect(poor.status).not.toBe('SUCCESS');
    const nonce = s.nonce;
    expect(s.fund(sender, '1000')).toBe(1000n);
    expect(s.nonce).toBe(nonce);
    const paid = s.call('inc', [], { value: '10' });
    expect(paid.status).toBe('SUCCESS');
    expect([s.balanceOf(sender), s.balanceOf(s.address!)]).toEqual([990n, 10n]);
    expect(() => s.fund('0x12', '1')).toThrow(InputError);
    expect(() => s.fund(sender, '-1')).toThrow(InputError);
  });

  test('the tracer changes no receipt', () => {
    const code = compileSource(COUNTER, { file: 'contract.py' }).bytes;
    const run = (tracer?: () => void) => {
      const state = new MemoryState();
      const d = deploy({ contract: { code }, gasLimit: 1_000_000, tx: defaultTx(), block: defaultBlock(), state, tracer });
      return [d, call({ input: { fn: 'inc' }, gasLimit: 1_000_000, tx: { ...defaultTx(), to: d.created!.address }, block: defaultBlock(), state, tracer })].map(
        (r) => hex(r.hash),
      );
    };
    let n = 0;
    expect(run(() => n++)).toEqual(run());
    expect(n).toBeGreaterThan(5);
  });
});

describe('share links', () => {
  test('round trip, unicode included; a damaged link says so', async () => {
    const src = COUNTER + '\n# naïve ∑ 🙂\n';
    const frag = await encodeShare(src);
    expect(frag).toMatch(/^src=[A-Za-z0-9_-]+$/);
    expect(await decodeShare('#' + frag)).toBe(src);
    expect(frag.length).toBeLessThan(src.length);
    expect(await decodeShare('#other')).toBeNull();
    await expect(decodeShare('#src=AAAA' + frag.slice(9, 20))).rejects.toThrow(/damaged/);
    await expect(decodeShare('#src=a+b')).rejects.toThrow(/damaged/);
  });
});
