// spec/manifest.schema.json on its own (ajv, as other tools would use it): normalized
// manifests pass, malformed normalized shapes fail. And the CLI state file keeps deployed code.
import { Ajv } from 'ajv';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { loadState, saveState } from '../cli/statefile.js';
import { normalizeManifest } from '../node/manifest.js';
import { MemoryState } from '../node/state.js';
import schema from '../spec/manifest.schema.json' with { type: 'json' };

const validate = new Ajv({ allErrors: true }).compile(schema);
const good = () => normalizeManifest(JSON.parse(readFileSync('examples/escrow/manifest.json', 'utf8'))) as unknown as Record<string, any>;

test('normalized example manifests satisfy the schema', () => {
  for (const ex of ['counter', 'escrow']) expect(validate(normalizeManifest(JSON.parse(readFileSync(`examples/${ex}/manifest.json`, 'utf8'))))).toBe(true);
});

test.each([
  ['an unknown top-level key', (m: any) => (m.extra = 1)],
  ['a missing abi', (m: any) => delete m.abi],
  ['a function without outputs', (m: any) => delete m.abi.functions[0].outputs],
  ['a function name that is not an identifier', (m: any) => (m.abi.functions[0].name = 'a-b')],
  ['an input without a type', (m: any) => delete m.abi.functions[0].inputs[0].type],
  ['an unnamed event field', (m: any) => (m.abi.events[0].inputs[0].name = '')],
  ['17 event fields', (m: any) => (m.abi.events[0].inputs = Array.from({ length: 17 }, (_, i) => ({ name: `f${i}`, type: 'int' })))],
  ['a numeric version', (m: any) => (m.version = 1)],
  ['a negative limit', (m: any) => (m.resources = { limits: { gas: -1 } })],
  ['a stray key in an output', (m: any) => (m.abi.functions[3].outputs[0].indexed = true)],
])('the schema rejects %s', (_what, change) => {
  const m = good();
  change(m);
  expect(validate(m)).toBe(false);
});

test('the CLI state file persists deployed code with storage and balances', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'vmpy-state-')), 's.json');
  const s = new MemoryState();
  s.setCode(new Uint8Array(32).fill(1), Uint8Array.of(0x56, 0x4d, 0x50, 0x59));
  s.setStorage(new Uint8Array(32).fill(1), Uint8Array.of(7), Uint8Array.of(8));
  saveState(path, s);
  const back = loadState(path);
  expect(back.snapshot()).toEqual(s.snapshot());
  expect(back.getCode(new Uint8Array(32).fill(1))).toEqual(Uint8Array.of(0x56, 0x4d, 0x50, 0x59));
});
