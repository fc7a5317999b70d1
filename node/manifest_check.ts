// Cross-check of a normalized manifest ABI against a contract's public functions
// (spec/ABI.md §7.1). A manifest that disagrees with the code would make SDKs build calls
// the contract cannot decode, so any disagreement is a ManifestError naming the manifest
// entry and the place in the contract.
import type { CheckedModule } from '../validate/index.js';
import { ManifestError } from '../spec/errors.js';
import { CONSTRUCTOR } from '../spec/constructor.js';
import { canonicalTypeName } from '../core/abi/types.js';
import { locate, type LoadedModule } from '../core/load.js';
import type { AbiFunction, NormalizedAbi } from './manifest.js';

/** A public function as the contract declares it: canonical types, and where it is. */
export interface ContractSignature {
  name: string;
  params: string[];
  /** parameter names, when known (source, or IR debug info) */
  paramNames?: string[];
  returns: string;
  /** `contract.py:12`, or the best the caller knows */
  where: string;
}

export function signaturesFromSource(checked: CheckedModule): ContractSignature[] {
  const out: ContractSignature[] = [];
  for (const [name, sig] of checked.signatures) {
    // the constructor is not callable, so not part of the call ABI (deploy reads its types from the code)
    if (name === CONSTRUCTOR) continue;
    const f = checked.funcs.get(name)!;
    const l = checked.src.loc(f.at);
    out.push({ name, params: sig.params, paramNames: f.params.map((p) => p.name), returns: sig.returns, where: `${l.file}:${l.line}` });
  }
  return out;
}

export function signaturesFromModule(mod: LoadedModule): ContractSignature[] {
  const out: ContractSignature[] = [];
  for (const [name, ex] of mod.byName) {
    if (name === CONSTRUCTOR) continue;
    const dbg = mod.ir.debug;
    const loc = locate(mod, ex.func, 0);
    const where = loc ? `${loc.file}:${loc.line}` : `code function ${name}`;
    const paramNames = dbg ? dbg.funcs[ex.func].locals.slice(0, ex.params.length) : undefined;
    out.push({ name, params: ex.params, paramNames, returns: ex.returns, where });
  }
  return out;
}

/** Outputs may say `address` where the source says `bytes`: same bytes on the wire, no selector involved. */
function outputCanon(t: string): string {
  return canonicalTypeName(t).replace(/address/g, 'bytes');
}

/**
 * Check every manifest function against the contract and back. Returns the manifest's
 * functions by name, the form the executor takes (CallRequest.abi).
 */
export function crossCheckAbi(abi: NormalizedAbi, contract: readonly ContractSignature[], contractName = 'the contract'): Map<string, AbiFunction> {
  const sigs = new Map(contract.map((s) => [s.name, s]));
  const byName = new Map<string, AbiFunction>();
  abi.functions.forEach((mf, i) => {
    const at = `manifest function ${mf.name} (/abi/functions/${i})`;
    const sig = sigs.get(mf.name);
    if (!sig) throw new ManifestError(`${at}: ${contractName} has no public function ${mf.name}`);
    const where = `${sig.where} def ${mf.name}`;
    if (mf.inputs.length !== sig.params.length) {
      throw new ManifestError(`${at} takes ${mf.inputs.length} argument${mf.inputs.length === 1 ? '' : 's'}, ${where} takes ${sig.params.length}`);
    }
    mf.inputs.forEach((p, k) => {
      const cname = sig.paramNames?.[k];
      const label = `input ${k}${p.name ? ` (${p.name})` : ''}`;
      if (p.name && cname !== undefined && p.name !== cname)
        throw new ManifestError(`${at} ${label} is named ${p.name}, ${where} names parameter ${k} '${cname}'`);
      const mt = canonicalTypeName(p.type);
      const ct = sig.params[k];
      if (mt !== ct) {
        const hint =
          mt.replace(/address/g, 'bytes') === ct
            ? ' (address is part of the selector: annotate the parameter "address", or write bytes32/bytes in the manifest)'
            : '';
        throw new ManifestError(`${at} ${label} has type ${p.type}, ${where} annotates ${cname ?? `parameter ${k}`} as ${ct}${hint}`);
      }
    });
    const outs = mf.outputs;
    const r = sig.returns;
    const said = outs.length === 0 ? 'no outputs' : `outputs (${outs.map((o) => (o.name ? `${o.name}: ${o.type}` : o.type)).join(', ')})`;
    const bad = (why: string): never => {
      throw new ManifestError(`${at} declares ${said}, ${where} ${why}`);
    };
    if (r === 'none') {
      if (outs.length) bad('returns None');
    } else if (r === 'dict') {
      if (outs.length === 0 || outs.some((o) => !o.name)) bad('returns a dict, so every output needs a name');
    } else if (outs.length === 0) {
      bad(`returns ${r}`);
    } else {
      const mt = outs.length === 1 ? outputCanon(outs[0].type) : outputCanon(`tuple(${outs.map((o) => o.type).join(',')})`);
      if (mt !== outputCanon(r)) bad(`returns ${r}`);
    }
    byName.set(mf.name, mf);
  });
  for (const s of contract) {
    if (!byName.has(s.name))
      throw new ManifestError(`${s.where}: public function ${s.name} is missing from the manifest ABI (add it, or rename it _${s.name} to make it private)`);
  }
  return byName;
}
