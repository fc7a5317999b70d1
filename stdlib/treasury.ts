// stdlib.treasury: native balances, journaled with storage (a revert undoes transfers too).
// balance(addr=None) reads any account (this contract when omitted); transfer(to, amount)
// moves value out of this contract. Amounts are ints in 0 .. 2**256 - 1; a negative amount
// or one above the contract's balance reverts, like a failed abi.require.
// Price: base + per_word * words(address), charged before the balance is read or moved.
import { Revert, StateError, VmError } from '../spec/errors.js';
import { STDLIB_BY_NAME } from '../spec/table.js';
import type { TxEnv } from '../core/context.js';
import type { Effects } from '../core/host.js';
import type { StdImpl } from '../core/machine.js';
import { normBig, toBig } from '../core/values.js';
import { needAddress } from './address.js';
import { needInt, words } from './args.js';
import { noStaticWrite } from './static.js';

const BALANCE = STDLIB_BY_NAME.get('treasury.balance')!;
const TRANSFER = STDLIB_BY_NAME.get('treasury.transfer')!;
const MAX_AMOUNT = (1n << 256n) - 1n;
const enc = new TextEncoder();

export const balance: StdImpl = (m, a, b) => {
  const addr = a[b] === null ? m.host.address : needAddress(m, 'treasury.balance', 'addr', a[b]);
  m.charge(BALANCE.base + BALANCE.dynamic.words * words(addr.length));
  return normBig(m.host.journal.getBalance(addr));
};

export const transfer: StdImpl = (m, a, b) => {
  const to = needAddress(m, 'treasury.transfer', 'to', a[b]);
  noStaticWrite(m, 'treasury.transfer');
  const amount = toBig(needInt('treasury.transfer', 'amount', a[b + 1]));
  m.charge(TRANSFER.base + TRANSFER.dynamic.words * words(to.length));
  if (amount < 0n) throw new Revert(enc.encode('treasury: negative amount'));
  if (amount > MAX_AMOUNT) throw new VmError('OverflowError', 'treasury.transfer(): amount must be below 2**256');
  const j = m.host.journal;
  const self = m.host.address;
  const have = j.getBalance(self);
  if (amount > have) throw new Revert(enc.encode('treasury: insufficient balance'));
  if (amount === 0n || bytesEqual(to, self)) return null;
  j.setBalance(self, have - amount);
  j.setBalance(to.slice(), j.getBalance(to) + amount);
  return null;
};

/**
 * The call's value moves from the sender to the contract inside the call's journal, before
 * the first instruction: the contract sees it in treasury.balance(), and a failed call
 * returns it with everything else. A node must not move tx.value itself.
 */
export function creditCallValue(journal: Effects, tx: TxEnv): void {
  const v = tx.value;
  if (v === 0n) return;
  if (v < 0n || v > MAX_AMOUNT) throw new StateError(`call value ${v} is outside 0 .. 2**256 - 1`);
  const have = journal.getBalance(tx.sender);
  if (have < v) throw new StateError(`sender balance ${have} is below the call value ${v}`);
  if (bytesEqual(tx.sender, tx.to)) return;
  journal.setBalance(tx.sender, have - v);
  journal.setBalance(tx.to, journal.getBalance(tx.to) + v);
}

function bytesEqual(x: Uint8Array, y: Uint8Array): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
