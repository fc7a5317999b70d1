#!/usr/bin/env node
// Resolve spec/opcodes_vm_py.yaml into spec/gas_table.generated.ts: validate against the
// schema, substitute $CONSTANTS, check uniqueness of every number and name, and emit a
// plain data module so nothing parses YAML at run time. `--check` only verifies that the
// generated file is current.
import { readFileSync, writeFileSync, renameSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import Ajv from 'ajv';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const yamlPath = join(root, 'spec/opcodes_vm_py.yaml');
const outPath = join(root, 'spec/gas_table.generated.ts');

function fail(msg) {
  process.stderr.write(`gen-table: ${msg}\n`);
  process.exit(1);
}

export function resolveTable(text) {
  const raw = parse(text);
  const schema = JSON.parse(readFileSync(join(root, 'spec/opcodes.schema.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
  if (!ajv.validate(schema, raw)) {
    throw new Error('schema: ' + ajv.errors.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; '));
  }
  const C = raw.constants;
  const price = (v, where) => {
    if (typeof v === 'number') return v;
    const name = v.slice(1);
    if (!(name in C)) throw new Error(`${where}: unknown constant ${v}`);
    return C[name];
  };
  const uniq = (items, key, what) => {
    const seen = new Set();
    for (const it of items) {
      if (seen.has(it[key])) throw new Error(`duplicate ${what} ${key} ${it[key]}`);
      seen.add(it[key]);
    }
  };
  uniq(raw.opcodes, 'name', 'opcode');
  uniq(raw.opcodes, 'code', 'opcode');
  uniq(raw.stdlib, 'id', 'stdlib');
  uniq(raw.builtins, 'name', 'builtin');
  uniq(raw.builtins, 'id', 'builtin');
  uniq(raw.methods, 'name', 'method');
  uniq(raw.methods, 'id', 'method');
  // a formula: measure -> price per unit, every measure one the table defines
  const measures = new Set(Object.keys(raw.measures));
  const dynamic = (d, where) => {
    const out = {};
    for (const [k, v] of Object.entries(d ?? {})) {
      if (!measures.has(k)) throw new Error(`${where}: unknown measure ${k}`);
      out[k] = price(v, where);
    }
    return out;
  };
  const opByName = new Map(raw.opcodes.map((o) => [o.name, o]));
  for (const o of raw.opcodes) {
    if (o.priced_as === undefined) continue;
    const t = opByName.get(o.priced_as);
    if (!t || t.priced_as !== undefined) throw new Error(`${o.name}: priced_as ${o.priced_as} is not an opcode with its own formula`);
    if (o.dynamic !== undefined) throw new Error(`${o.name}: priced_as and dynamic together`);
  }
  uniq(raw.types, 'name', 'type');
  const typeNames = new Set(raw.types.map((t) => t.name));
  for (const t of raw.types) for (const p of t.is_a ?? []) if (!typeNames.has(p)) throw new Error(`type ${t.name}: unknown is_a ${p}`);
  // a parameter: required (a bare name) or with a default; {bytes: hex} is a bytes default
  const param = (p) =>
    typeof p === 'string'
      ? { name: p, required: true, default: null, kwOnly: false }
      : {
          name: p.name,
          required: false,
          default: p.default !== null && typeof p.default === 'object' ? { bytes: p.default.bytes } : p.default,
          kwOnly: p.kw_only ?? false,
        };
  const callable = (b) => ({
    name: b.name,
    id: b.id,
    base: price(b.base, b.name),
    dynamic: dynamic(b.dynamic, b.name),
    runs: (b.runs ?? []).map((r) => {
      if (!opByName.has(r)) throw new Error(`${b.name}: runs unknown opcode ${r}`);
      return r;
    }),
    // null: positional arguments only, passed as written
    params: b.params === undefined ? null : b.params.map(param),
  });
  const names = raw.stdlib.flatMap((s) => [s.name, ...(s.aliases ?? [])]);
  uniq(
    names.map((n) => ({ n })),
    'n',
    'stdlib name',
  );
  return {
    version: raw.version,
    constants: C,
    measures: raw.measures,
    limits: raw.limits,
    refunds: { storageClear: price(raw.refunds.storage_clear, 'refunds'), capBasisPoints: raw.refunds.cap_basis_points },
    entry: { base: price(raw.entry.base, 'entry'), perCalldataByte: price(raw.entry.per_calldata_byte, 'entry') },
    opcodes: raw.opcodes.map((o) => {
      const flow = o.flow ?? 'next';
      if ((flow === 'jump' || flow === 'branch') !== o.operands.includes('target')) throw new Error(`${o.name}: flow ${flow} and a target operand go together`);
      if ((flow === 'call') !== o.operands.includes('func')) throw new Error(`${o.name}: flow call and a func operand go together`);
      if (o.slots !== undefined && !o.operands.includes('local')) throw new Error(`${o.name}: slots without a local operand`);
      return {
        name: o.name,
        code: o.code,
        operands: o.operands,
        stack: o.stack,
        base: price(o.base, o.name),
        dynamic: dynamic(o.priced_as === undefined ? o.dynamic : opByName.get(o.priced_as).dynamic, o.name),
        pricedAs: o.priced_as ?? null,
        flow,
        jumpWhen: o.jump_when ?? null,
        taken: o.taken ?? null,
        height: o.height ?? null,
        slots: o.slots ?? 1,
        fuse: o.fuse ?? null,
      };
    }),
    stdlib: raw.stdlib.map((s) => ({
      name: s.name,
      id: s.id,
      params: s.params.map(param),
      base: price(s.base, s.name),
      dynamic: dynamic(s.dynamic, s.name),
      aliases: s.aliases ?? [],
    })),
    builtins: raw.builtins.map(callable),
    methods: raw.methods.map(callable),
    types: raw.types.map((t) => ({ name: t.name, bit: t.bit, isA: t.is_a ?? [] })),
  };
}

export function renderTable(table) {
  // A const enum lets the bundler inline opcode numbers into the interpreter's switch.
  const ops = table.opcodes.map((o) => `  ${o.name} = 0x${o.code.toString(16).padStart(2, '0')},`).join('\n');
  return (
    '// GENERATED by scripts/gen-table.mjs from spec/opcodes_vm_py.yaml. Do not edit.\n' +
    `export const enum Op {\n${ops}\n}\n` +
    `export const GAS_TABLE = ${JSON.stringify(table)} as const;\n`
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let out;
  try {
    out = renderTable(resolveTable(readFileSync(yamlPath, 'utf8')));
  } catch (e) {
    fail(e.message);
  }
  if (process.argv.includes('--check')) {
    if (!existsSync(outPath) || readFileSync(outPath, 'utf8') !== out) fail('spec/gas_table.generated.ts is stale: run npm run gen');
  } else {
    const tmp = outPath + '.tmp';
    writeFileSync(tmp, out);
    renameSync(tmp, outPath);
  }
}
