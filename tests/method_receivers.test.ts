// CHECK_METHOD's receiver table agrees with the method implementations: a method raises
// AttributeError for exactly the receiver types the table leaves out, so checking before the
// arguments (as CPython looks methods up first) never refuses a call the method would take.
import { expect, test } from 'vitest';
import type { Host } from '../core/host.js';
import { loadModule } from '../core/load.js';
import { Machine } from '../core/machine.js';
import { checkMethod, METHOD_IMPLS } from '../core/methods.js';
import { PyDict, PyTuple, type Value } from '../core/values.js';
import { compileSource } from '../compiler/index.js';
import { DEFAULT_LIMITS, METHODS } from '../spec/table.js';
import { STD_IMPLS } from '../stdlib/index.js';
import { VmError } from '../spec/errors.js';

test('every method accepts exactly the receivers CHECK_METHOD lets through', () => {
  const mod = loadModule(compileSource('def f() -> int:\n    return 1\n', { file: 'c.py' }).module);
  const d = new PyDict();
  d.set(1, 1);
  const samples: Value[] = [1, 2n ** 80n, true, new Uint8Array([1]), 'x', [1], new PyTuple([1]), d, null];
  const wrong: string[] = [];
  for (const e of METHODS) {
    for (const v of samples) {
      const m = new Machine(mod, DEFAULT_LIMITS, 1_000_000, STD_IMPLS, {} as Host);
      let implSays = true;
      try {
        METHOD_IMPLS[e.id](m, [v], 0, 0);
      } catch (err) {
        if (!(err instanceof VmError)) throw err;
        if (err.kind === 'AttributeError') implSays = false;
      }
      let checkSays = true;
      try {
        checkMethod(v, e.id);
      } catch (err) {
        if (!(err instanceof VmError) || err.kind !== 'AttributeError') throw err;
        checkSays = false;
      }
      if (implSays !== checkSays)
        wrong.push(`${e.name} on ${typeof v === 'object' && v !== null ? v.constructor.name : typeof v}: method ${implSays}, check ${checkSays}`);
    }
  }
  expect(wrong).toEqual([]);
});
