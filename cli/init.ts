// vm-py init <dir>: a new contract project that works from the first command: a contract
// with a constructor, storage, an event and a guarded function; its manifest (written by the
// same inference as `vm-py manifest`); and a test file that passes under `vm-py test`.
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { UsageError } from './fail.js';
import { writeAtomic } from './files.js';
import { manifestCommand } from './manifest.js';

const CONTRACT = `"""A counter with an owner: anyone can add to it, only the owner can reset it."""
from stdlib import abi, events, storage

KEY_COUNT = b"count"
KEY_OWNER = b"owner"


def __init__(start: int) -> None:
    storage.set(KEY_OWNER, abi.caller())
    storage.set_int(KEY_COUNT, start)


def add(amount: int) -> int:
    abi.require(amount > 0, "amount must be positive")
    count = storage.get_int(KEY_COUNT) + amount
    storage.set_int(KEY_COUNT, count)
    events.emit(b"Added", {"by": abi.caller(), "amount": amount, "count": count})
    return count


def get() -> int:
    return storage.get_int(KEY_COUNT)


def reset() -> None:
    abi.require(abi.caller() == storage.get(KEY_OWNER), "only the owner")
    storage.set_int(KEY_COUNT, 0)
`;

const TEST = `"""Run with: npx vm-py test"""
from stdlib import testing


def _deploy() -> bytes:
    return testing.deploy("manifest.json", [10])


def test_starts_at_constructor_value():
    c = _deploy()
    testing.assert_eq(testing.call(c, "get"), 10)


def test_add_counts_and_emits():
    c = _deploy()
    testing.assert_eq(testing.call(c, "add", [5]), 15)
    testing.expect_event("Added", {"amount": 5, "count": 15, "by": testing.sender()})


def test_add_rejects_zero():
    c = _deploy()
    testing.expect_revert(c, "add", [0], reason="amount must be positive")


def test_only_owner_resets():
    c = _deploy()
    testing.expect_revert(c, "reset", sender=testing.account("mallory"), reason="only the owner")
    testing.call(c, "reset")
    testing.assert_eq(testing.call(c, "get"), 0)


def test_add_any_positive_amount(amount: int):
    # a property test: amount is generated; a failure is shrunk to the smallest case
    c = _deploy()
    if amount <= 0:
        testing.expect_revert(c, "add", [amount])
    else:
        testing.assert_eq(testing.call(c, "add", [amount]), 10 + amount)
`;

export interface InitArgs {
  dir: string;
  force: boolean;
  json: boolean;
}

export function initCommand(a: InitArgs, out: (s: string) => void): number {
  const dir = resolve(a.dir);
  const files = { contract: join(a.dir, 'contract.py'), manifest: join(a.dir, 'manifest.json'), test: join(a.dir, 'test_contract.py') };
  if (!a.force) {
    const there = Object.values(files).filter((f) => existsSync(f));
    if (there.length)
      throw new UsageError(`${there.join(', ')} already exist${there.length === 1 ? 's' : ''}: pick another directory or pass --force`, 'E-EXISTS');
  }
  mkdirSync(dir, { recursive: true });
  writeAtomic(files.contract, CONTRACT);
  writeAtomic(files.test, TEST);
  // the manifest from the source, as `vm-py manifest` writes it
  const name = basename(dir).replace(/[^A-Za-z0-9_.-]/g, '_') || 'contract';
  manifestCommand({ file: files.contract, out: files.manifest, name, json: false }, () => {});
  if (a.json) out(JSON.stringify({ ok: true, dir: a.dir, files: Object.values(files) }));
  else
    out(
      [
        `created ${a.dir}/: contract.py, manifest.json, test_contract.py`,
        `next: npx vm-py test ${a.dir}`,
        // run/call reach a contract's latest deployment; the constructor runs only there
        `      npx vm-py deploy -m ${join(a.dir, 'manifest.json')} --args '[0]'   (runs __init__(start))`,
        `      npx vm-py run -m ${join(a.dir, 'manifest.json')} --call add --args '[5]'`,
      ].join('\n'),
    );
  return 0;
}
