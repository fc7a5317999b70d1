// `vm-py node`: the built CLI serves JSON-RPC on 127.0.0.1; a real HTTP client (fetch) deploys
// the token, sends transactions, reads receipts, blocks and a storage value with its proof
// (checked with verifyStorageProof), gets defined errors for bad input, and finds everything
// again after the node is stopped and started on the same store.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { verifyStorageProof, type StorageProof } from '../node/trie/state_commitment.js';

const dir = mkdtempSync(join(tmpdir(), 'vmpy-rpc-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const ALICE = '0x' + 'a1'.repeat(32);
const BOB = '0x' + 'b2'.repeat(32);

async function startNode(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [resolve('bin/vm-py.js'), 'node', '--port', '0', '--state', dir, '--fund', `${ALICE}=1000000000`], {
    cwd: resolve('.'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const url = await new Promise<string>((ok, fail) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) ok(m[1]);
    });
    child.on('exit', (c) => fail(new Error(`node exited ${c}: ${err}`)));
  });
  return { url, child };
}

let nextId = 1;
async function rpc(url: string, method: string, params?: unknown): Promise<{ result?: any; error?: { code: number; message: string; data?: any } }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
  });
  expect(res.status).toBe(200);
  return res.json();
}

const hexToBytes = (h: string) => Uint8Array.from(Buffer.from(h.replace(/^0x/, ''), 'hex'));

function proofFromJson(p: any): StorageProof {
  const b = (x: string | null) => (x === null ? null : hexToBytes(x));
  return {
    stateRoot: b(p.stateRoot)!,
    address: b(p.address)!,
    key: b(p.key)!,
    value: b(p.value),
    account: p.account && {
      nonce: BigInt(p.account.nonce),
      balance: BigInt(p.account.balance),
      storageRoot: b(p.account.storageRoot)!,
      codeHash: b(p.account.codeHash)!,
    },
    accountProof: p.accountProof.map(b),
    storageProof: p.storageProof.map(b),
  };
}

test('vm-py node: deploy, send, receipts, blocks, proofs, errors, restart', async () => {
  let { url, child } = await startNode();
  const source = readFileSync('examples/token/contract.py', 'utf8');
  const d = await rpc(url, 'vm_deploy', { sender: ALICE, source, gasPrice: 1 });
  expect(d.error).toBeUndefined();
  expect(d.result.status).toBe('SUCCESS');
  const token = d.result.address;
  const init = await rpc(url, 'vm_sendTransaction', { tx: { kind: 'call', sender: ALICE, to: token, fn: 'init', args: [1000], gasPrice: 1 } });
  expect(init.result.status).toBe('SUCCESS');
  const send = await rpc(url, 'vm_sendTransaction', { tx: { kind: 'call', sender: ALICE, to: token, fn: 'transfer', args: [BOB, 250], gasPrice: 2 } });
  expect(send.result).toMatchObject({ status: 'SUCCESS', height: 2 });
  const bal = await rpc(url, 'vm_call', { to: token, fn: 'balance_of', args: [BOB] });
  expect(bal.result).toMatchObject({ status: 'SUCCESS', value: 250 });
  // the receipt: fee and nonce as the block rules say
  const rc = await rpc(url, 'vm_getReceipt', { txHash: send.result.txHash });
  expect(rc.result).toMatchObject({ height: 2, index: 0 });
  expect(rc.result.receipt).toMatchObject({ status: 'SUCCESS', nonce: 3, fee: send.result.gasUsed * 2 });
  // the execution receipt is stored too: its Transfer log and storage writes
  expect(rc.result.exec.logs.length).toBe(1);
  expect(rc.result.exec.writes.length).toBe(2);
  const blk = await rpc(url, 'vm_getBlock', {});
  expect(blk.result.height).toBe(2);
  expect(blk.result.receipts.length).toBe(1);
  // a storage value and its proof, checked against the block's state root
  const key = '0x' + Buffer.from('bal:').toString('hex') + BOB.slice(2);
  const st = await rpc(url, 'vm_getStorage', { address: token, key });
  expect(st.result.stateRoot).toBe(blk.result.stateRoot);
  const proven = verifyStorageProof(proofFromJson(st.result.proof), hexToBytes(blk.result.stateRoot));
  expect(proven).not.toBeNull();
  expect(st.result.value).toBe('0x' + Buffer.from(proven!).toString('hex'));
  // bad input: a replay, an unfunded sender, malformed params, an unknown method, bad JSON
  const replay = await rpc(url, 'vm_sendTransaction', { tx: { kind: 'call', sender: ALICE, to: token, fn: 'transfer', args: [BOB, 1], nonce: 2 } });
  expect(replay.error).toMatchObject({ code: -32000, data: { code: 'E-TX', reason: 'NONCE_TOO_LOW' } });
  const poor = await rpc(url, 'vm_sendTransaction', { tx: { kind: 'call', sender: BOB, to: token, fn: 'transfer', args: [ALICE, 1], gasPrice: 1 } });
  expect(poor.error?.data?.reason).toBe('INSUFFICIENT_FUNDS');
  const bad = await rpc(url, 'vm_sendTransaction', { tx: { kind: 'call', sender: '0x12', to: token, data: '0x00' } });
  expect(bad.error?.code).toBe(-32602);
  expect((await rpc(url, 'vm_nope')).error?.code).toBe(-32601);
  const raw = await fetch(url, { method: 'POST', body: '{not json' });
  expect((await raw.json()).error.code).toBe(-32700);
  expect((await rpc(url, 'vm_chainInfo')).result.height).toBe(2);
  // stop and start on the same store: everything is still there
  const exited = new Promise((ok) => child.on('exit', ok));
  child.kill('SIGTERM');
  await exited;
  ({ url, child } = await startNode());
  const info = await rpc(url, 'vm_chainInfo');
  expect(info.result).toMatchObject({ height: 2, stateRoot: blk.result.stateRoot });
  expect((await rpc(url, 'vm_call', { to: token, fn: 'balance_of', args: [BOB] })).result.value).toBe(250);
  expect((await rpc(url, 'vm_getReceipt', { txHash: send.result.txHash })).result.index).toBe(0);
  child.kill('SIGTERM');
}, 120_000);
