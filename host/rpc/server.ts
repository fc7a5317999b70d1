// `vm-py node`: JSON-RPC 2.0 over HTTP (POST /, one request or a batch) on 127.0.0.1, over a
// DevChain persisted in the LMDB store. Methods (params: one object):
//   vm_chainInfo {}                                   -> {height, stateRoot, chainId, blockHash}
//   vm_sendTransaction {tx}                           -> {txHash, height, status, gasUsed, fee, contractAddress?}
//   vm_deploy {sender, code | manifest+source, args?, gasLimit?, gasPrice?} -> as vm_sendTransaction
//   vm_call {to, data | fn+args, from?, gasLimit?}    -> {status, returnData, value, gasUsed, error}
//   vm_getReceipt {txHash}                            -> {height, index, encoded, receipt, exec (logs, writes, return)}
//   vm_getBlock {height?}                             -> {height, hash, header, stateRoot, receiptsRoot, gasUsed, receipts, rejected}
//   vm_getStorage {address, key}                      -> {value, stateRoot, proof}
//   vm_getBalance {address} / vm_getNonce {address}   -> decimal string
// A rejected tx is error -32000 with data {code: 'E-TX', reason}; other typed errors -32000
// with data {code}; bad JSON -32700; a bad request -32600; an unknown method -32601; bad
// params -32602. Nothing is written for any error.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { decode as cborDecode } from 'cbor-x';
import { compileSource } from '../../compiler/index.js';
import { contractAddress } from '../../node/adapter.js';
import type { Tx, TxKind } from '../../node/block/tx.js';
import { valueToJson } from '../../node/abi/json.js';
import { AbiError, TxRejected, VmPyError } from '../../spec/errors.js';
import { DEFAULT_LIMITS } from '../../spec/table.js';
import { bytesToHex } from '../../core/hex.js';
import type { DevChain } from './dev_chain.js';
import { bigParam, bytesParam, intParam, toJson, type J } from './json.js';

const MAX_BODY = 4 << 20;
const AB = DEFAULT_LIMITS.address_bytes;

class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: J,
  ) {
    super(message);
  }
}

type Params = Record<string, unknown>;

function obj(p: unknown): Params {
  if (p === undefined) return {};
  if (typeof p !== 'object' || p === null || Array.isArray(p)) throw new RpcError(-32602, 'params must be one object');
  return p as Params;
}

function txFrom(chain: DevChain, t: unknown): Tx {
  const p = obj(t);
  const kind = p.kind as TxKind;
  if (kind !== 'call' && kind !== 'deploy' && kind !== 'transfer') throw new AbiError('tx.kind must be call, deploy or transfer');
  const sender = bytesParam(p.sender, 'tx.sender', AB);
  const tx: Tx = {
    kind,
    sender,
    nonce: p.nonce === undefined ? chain.store.getNonce(sender) : bigParam(p.nonce, 'tx.nonce'),
    gasLimit: p.gasLimit === undefined ? 1_000_000 : intParam(p.gasLimit, 'tx.gasLimit'),
    gasPrice: p.gasPrice === undefined ? 0n : bigParam(p.gasPrice, 'tx.gasPrice'),
  };
  if (p.value !== undefined) tx.value = bigParam(p.value, 'tx.value');
  if (p.to !== undefined) tx.to = bytesParam(p.to, 'tx.to', AB);
  if (p.data !== undefined) tx.data = bytesParam(p.data, 'tx.data');
  else if (kind === 'call' && typeof p.fn === 'string') tx.data = chain.calldata(tx.to ?? new Uint8Array(0), p.fn, (p.args as unknown[]) ?? []);
  if (p.args !== undefined && kind === 'deploy') {
    if (!Array.isArray(p.args)) throw new AbiError('tx.args must be a list');
    tx.args = p.args;
  }
  return tx;
}

function submit(chain: DevChain, tx: Tx): J {
  const { height, receipt } = chain.submit(tx);
  const out: Record<string, J> = {
    txHash: toJson(receipt.txHash),
    height: Number(height),
    status: receipt.status,
    gasUsed: receipt.gasUsed,
    fee: receipt.fee.toString(),
  };
  if (receipt.exec?.created) out.contractAddress = toJson(receipt.exec.created.address);
  if (receipt.exec?.error) out.error = { code: receipt.exec.error.code, message: receipt.exec.error.message };
  else if (receipt.error) out.error = { code: receipt.error.code, message: receipt.error.message };
  return out;
}

function receiptJson(encoded: Uint8Array): J {
  return toJson(cborDecode(encoded));
}

export function handle(chain: DevChain, method: string, params: unknown): J {
  const p = obj(params);
  switch (method) {
    case 'vm_chainInfo': {
      const h = chain.store.head();
      return { height: Number(h.height), stateRoot: toJson(h.stateRoot), blockHash: toJson(h.blockHash), chainId: chain.header(0n).chainId.toString() };
    }
    case 'vm_sendTransaction':
      return submit(chain, txFrom(chain, p.tx));
    case 'vm_deploy': {
      const sender = bytesParam(p.sender, 'sender', AB);
      let code: Uint8Array;
      if (p.code !== undefined) code = bytesParam(p.code, 'code');
      else if (typeof p.source === 'string') code = compileSource(p.source, { file: typeof p.file === 'string' ? p.file : 'contract.py' }).bytes;
      else throw new RpcError(-32602, 'vm_deploy needs code (0x IR) or source (contract text)');
      const nonce = chain.store.getNonce(sender);
      const tx: Tx = {
        kind: 'deploy',
        sender,
        nonce,
        data: code,
        gasLimit: p.gasLimit === undefined ? 5_000_000 : intParam(p.gasLimit, 'gasLimit'),
        gasPrice: p.gasPrice === undefined ? 0n : bigParam(p.gasPrice, 'gasPrice'),
      };
      if (p.args !== undefined) tx.args = p.args as unknown[];
      const out = submit(chain, tx) as Record<string, J>;
      out.address = toJson(contractAddress(sender, nonce));
      return out;
    }
    case 'vm_call': {
      const to = bytesParam(p.to, 'to', AB);
      const data = p.data !== undefined ? bytesParam(p.data, 'data') : typeof p.fn === 'string' ? chain.calldata(to, p.fn, (p.args as unknown[]) ?? []) : null;
      if (!data) throw new RpcError(-32602, 'vm_call needs data (0x calldata) or fn (+ args)');
      if (!chain.store.getCode(to)) throw new AbiError(`no code at 0x${bytesToHex(to)}`);
      const from = p.from === undefined ? new Uint8Array(AB) : bytesParam(p.from, 'from', AB);
      const r = chain.readCall(to, data, from, p.gasLimit === undefined ? 10_000_000 : intParam(p.gasLimit, 'gasLimit'));
      return {
        status: r.status,
        returnData: toJson(r.returnData),
        value: r.status === 'SUCCESS' && r.returnValue !== undefined ? (valueToJson(r.returnValue) as J) : null,
        gasUsed: r.gasUsed,
        error: r.error ? { code: r.error.code, message: r.error.message } : null,
        logs: toJson(r.logs),
      };
    }
    case 'vm_getReceipt': {
      const hash = bytesParam(p.txHash, 'txHash', 32);
      const r = chain.store.receiptOf(hash);
      if (!r) return null;
      return {
        height: Number(r.height),
        index: r.index,
        encoded: toJson(r.encoded),
        receipt: receiptJson(r.encoded),
        exec: r.exec ? receiptJson(r.exec) : null,
      };
    }
    case 'vm_getBlock': {
      const height = p.height === undefined ? chain.store.head().height : bigParam(p.height, 'height');
      const b = chain.store.block(height);
      if (!b) return null;
      return {
        height: Number(height),
        hash: toJson(b.hash),
        header: toJson(b.header),
        stateRoot: toJson(b.stateRoot),
        receiptsRoot: toJson(b.receiptsRoot),
        gasUsed: b.gasUsed,
        receipts: b.receipts.map(receiptJson),
        rejected: toJson(b.rejected),
      };
    }
    case 'vm_getStorage': {
      const proof = chain.prove(bytesParam(p.address, 'address', AB), bytesParam(p.key, 'key'));
      return { value: toJson(proof.value), stateRoot: toJson(proof.stateRoot), proof: toJson(proof) };
    }
    case 'vm_getBalance':
      return chain.store.getBalance(bytesParam(p.address, 'address', AB)).toString();
    case 'vm_getNonce':
      return chain.store.getNonce(bytesParam(p.address, 'address', AB)).toString();
    default:
      throw new RpcError(-32601, `no method ${method}`);
  }
}

function one(chain: DevChain, req: unknown): J | undefined {
  const r = req as { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: unknown } | null;
  const id = r && typeof r === 'object' && (typeof r.id === 'number' || typeof r.id === 'string' || r.id === null) ? (r.id as J) : null;
  try {
    if (!r || typeof r !== 'object' || r.jsonrpc !== '2.0' || typeof r.method !== 'string')
      throw new RpcError(-32600, 'a request is {jsonrpc: "2.0", method, params?, id?}');
    const result = handle(chain, r.method, r.params);
    return r.id === undefined ? undefined : { jsonrpc: '2.0', id, result };
  } catch (e) {
    let error: { code: number; message: string; data?: J };
    if (e instanceof RpcError) error = { code: e.code, message: e.message, ...(e.data !== undefined ? { data: e.data } : {}) };
    else if (e instanceof TxRejected) error = { code: -32000, message: e.message, data: { code: e.code, reason: e.reason } };
    else if (e instanceof AbiError) error = { code: -32602, message: e.message, data: { code: e.code } };
    else if (e instanceof VmPyError) error = { code: -32000, message: e.message, data: { code: e.code } };
    else throw e;
    return { jsonrpc: '2.0', id, error };
  }
}

function body(req: IncomingMessage): Promise<string | null> {
  return new Promise((ok, fail) => {
    const parts: Buffer[] = [];
    let n = 0;
    req.on('data', (d: Buffer) => {
      n += d.length;
      if (n > MAX_BODY) {
        ok(null);
        req.destroy();
      } else parts.push(d);
    });
    req.on('end', () => ok(Buffer.concat(parts).toString('utf8')));
    req.on('error', fail);
  });
}

function send(res: ServerResponse, status: number, v: J): void {
  const text = JSON.stringify(v);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Serve chain on 127.0.0.1:port (0: any free port); resolves once listening. */
export function serve(chain: DevChain, port: number): Promise<Server> {
  // one request at a time: each may write a block, and blocks go in order
  let queue = Promise.resolve();
  const server = createServer((req, res) => {
    queue = queue.then(async () => {
      if (req.method !== 'POST') return send(res, 405, { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'POST a JSON-RPC request' } });
      const text = await body(req);
      if (text === null) return send(res, 413, { jsonrpc: '2.0', id: null, error: { code: -32600, message: `request body over ${MAX_BODY} bytes` } });
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return send(res, 200, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'the body is not JSON' } });
      }
      try {
        if (Array.isArray(parsed)) {
          if (parsed.length === 0) return send(res, 200, { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'empty batch' } });
          const out = parsed.map((r) => one(chain, r)).filter((x) => x !== undefined) as J[];
          return send(res, 200, out);
        }
        const out = one(chain, parsed);
        if (out === undefined) return void res.writeHead(204).end();
        return send(res, 200, out);
      } catch (e) {
        // not a typed error: a bug; say so without a stack trace, and keep serving
        return send(res, 500, { jsonrpc: '2.0', id: null, error: { code: -32603, message: `internal error: ${e instanceof Error ? e.message : String(e)}` } });
      }
    });
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok(server));
  });
}
