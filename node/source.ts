// The adapter with source contracts: deploy/call as in node/adapter.ts, and a contract given
// as {manifest, source} compiled by node/compile_contract.ts. This is what the package root
// exports; the IR-only entry (node.ts, `vm-py/node`) leaves this file and the compiler out.
import { call as callIr, deploy as deployIr, type AdapterReceipt, type CallRequest, type DeployRequest } from './adapter.js';
import { compileContract } from './compile_contract.js';

/** node/adapter.ts's deploy, with source contracts compiled. */
export function deploy(req: DeployRequest): AdapterReceipt {
  return deployIr(req, compileContract);
}

/** node/adapter.ts's call, with source contracts compiled. */
export function call(req: CallRequest): AdapterReceipt {
  return callIr(req, compileContract);
}
