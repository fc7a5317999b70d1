// `npm run bench:adversarial`: ns per gas unit of attacker-chosen inputs, each against the
// arithmetic loop baseline (`s = s + i*3 % 7`) measured in the same process. A case runs its
// function at r = R and r = 0 and divides the time difference by the gas difference, so setup
// (building a 1 MB key, a nested list) is not counted. Not a test: numbers are noisy (report
// `uptime` beside them).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeArgs } from '../core/abi/codec.js';
import { defaultBlock, defaultTx } from '../core/context.js';
import { compileSource } from '../compiler/index.js';
import { loadModule } from '../core/load.js';
import { executeCall } from '../node/execute.js';
import { MemoryState } from '../node/state.js';
import type { Value } from '../core/values.js';
import { collidingInts } from '../tests/helpers/v8_int_hash.js';
import { cpuNs } from './cputime.js';

interface Case {
  name: string;
  fn: string;
  args: (r: number) => Value[];
  r: number;
}

const n = (fn: string, size: number, r: number, name = `${fn}(${size})`): Case => ({ name, fn, args: (k) => [size, k], r });

export function cases(): Case[] {
  const coll = collidingInts(8192, 0x3fff);
  const seq = Array.from({ length: 8192 }, (_, i) => i * 16384 + 7);
  return [
    n('dict_bytes_key', 1 << 20, 20, 'd[k], k = 1 MB bytes'),
    n('dict_str_key', 1 << 20, 20, 'd[k], k = 1 M-char str'),
    n('dict_tuple_key', 10000, 20, 'd[t], t = 10k-int tuple'),
    n('dict_big_key', 1400, 2000, 'd[k], k = 7**1400 (3.9 kbit)'),
    { name: 'dict of 8192 colliding ints', fn: 'dict_keys', args: (k) => [coll, k], r: 10 },
    { name: 'dict of 8192 spread ints', fn: 'dict_keys', args: (k) => [seq, k], r: 10 },
    n('member_deep', 100, 50, 'x in lst, 3 x 10k-node lists'),
    n('index_deep', 100, 50, 'lst.index(x), 10k-node lists'),
    n('lt_deep', 100, 2000, '[a,1] < [b,2], 10k-node a,b'),
    n('bytes_in', 200000, 5, 'needle in bytes (n*m)'),
    n('bytes_find', 200000, 5, 'bytes.find (n*m)'),
    n('str_find', 200000, 5, 'str.find (n*m)'),
    n('str_in', 200000, 5, 'needle in str (n*m)'),
    n('startswith', 300000, 50, 'str.startswith, 300k chars'),
    n('astral_len', 300000, 50, 'len(s)+s[i], astral str'),
    n('sorted_list', 20000, 5, 'sorted(20k ints)'),
    n('sorted_deep', 5000, 5, 'sorted(5k [list, int])'),
    n('hex_bytes', 500000, 5, 'bytes.hex(), 500 kB'),
    n('int_parse', 1200, 100, 'int(str), 1200 digits'),
    n('int_str', 1400, 100, 'str(7**1400)'),
    n('del_middle', 60000, 2000, 'del xs[1], 60k list'),
    n('to_bytes', 1400, 2000, 'int.to_bytes(512)'),
    n('from_bytes', 512, 2000, 'int.from_bytes(512 B)'),
    n('to_bytes32', 0, 20000, 'int.to_bytes(32), 252-bit int'),
    n('from_bytes32', 0, 20000, 'int.from_bytes(32 B)'),
    n('pow_mod', 1400, 20, 'pow(a,b,m), ~4 kbit'),
    n('bytes_concat', 0, 20000, 'small bytes a + b'),
    n('ledger', 1000, 20000, 'ledger: dict of 32-byte keys (ordinary)'),
    n('ledger_fresh', 1000, 20000, 'ledger, keys made per use (to_bytes)'),
    n('sha3_big', 1 << 20, 5, 'sha3_256 of 1 MB'),
    n('abi_list', 60000, 3, 'abi.encode of a 60k-int list'),
    n('big_event', 60000, 20, 'events.emit of 60 kB'),
  ];
}

function main(root: string, only?: string[]): void {
  const file = join(root, 'tests/fixtures/adversarial/contract.py');
  const compiled = compileSource(readFileSync(file, 'utf8'), { file: 'contract.py' });
  const module = loadModule(compiled.module);
  const tx = defaultTx();
  const block = defaultBlock();
  const run = (fn: string, args: Value[]): { ns: number; gas: number; status: string } => {
    const ex = module.byName.get(fn)!;
    const calldata = new Uint8Array([...ex.selector, ...encodeArgs(ex.params, args)]);
    let best = Infinity;
    let gas = 0;
    let status = '';
    for (let i = 0; i < 3; i++) {
      const t0 = cpuNs();
      const r = executeCall({ module, calldata, gasLimit: 1e13, tx, block, state: new MemoryState() });
      const dt = cpuNs() - t0;
      if (dt < best) best = dt;
      gas = r.gasUsed;
      status = r.status === 'SUCCESS' ? 'ok' : `${r.status} ${r.error?.message ?? ''}`;
    }
    return { ns: best, gas, status };
  };
  const per = (c: Case) => {
    const hi = run(c.fn, c.args(c.r));
    const lo = run(c.fn, c.args(0));
    return { nsPerGas: (hi.ns - lo.ns) / (hi.gas - lo.gas), gas: (hi.gas - lo.gas) / c.r, msPerOp: (hi.ns - lo.ns) / c.r / 1e6, status: hi.status };
  };
  const base = per(n('baseline', 0, 2_000_000));
  const rows = [
    `load: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
    `baseline: ${base.nsPerGas.toFixed(2)} ns/gas`,
    '',
    '| input | gas/op | ms/op | ns/gas | x baseline |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const c of cases()) {
    if (only && !only.some((o) => c.fn.includes(o))) continue;
    const p = per(c);
    rows.push(
      `| ${c.name} | ${Math.round(p.gas)} | ${p.msPerOp.toFixed(3)} | ${p.nsPerGas.toFixed(2)} | ${(p.nsPerGas / base.nsPerGas).toFixed(1)}${p.status === 'ok' ? '' : ' ' + p.status} |`,
    );
    process.stderr.write(rows[rows.length - 1] + '\n');
  }
  process.stdout.write(rows.join('\n') + '\n');
}

const [root, ...rest] = process.argv.slice(2);
main(root, rest.length ? rest : undefined);
