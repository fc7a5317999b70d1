// Return values against return annotations, at compile time where the source shows the
// returned value's type (validate/expr_types.ts): `def f() -> str: return 5` is an error at
// the `return`, as is a bare `return` in a function annotated to return a value, or a value
// returned from one annotated `-> None`. Values whose type only the run shows are checked
// at the return by CHECK_RETURN, which the compiler leaves out where the value's type is
// proven (Proof below): a proof must hold on every run, so it trusts less than Types does.
import type { Expr, FunctionDef, Stmt } from '../validate/ast.js';
import { annotationType } from '../validate/check.js';
import { Types } from '../validate/expr_types.js';
import type { CheckedModule } from '../validate/index.js';
import { proofOf, returnTypeName, type Proof } from './return_proof.js';
import { parseReturnType, provenToSatisfy, type RType } from './return_types.js';

/** The family an ABI type name belongs to, as far as returned values go. */
function family(t: string): string {
  if (/^(int|integer|u\d+|i\d+|uint\d+|int\d+)$/.test(t)) return 'int';
  if (/^(bytes\d*|bytearray|address)$/.test(t)) return 'bytes';
  if (t === 'string') return 'str';
  if (t === 'boolean') return 'bool';
  if (/^list[<[]|\[\]$/.test(t)) return 'list';
  if (/^tuple|^\(/.test(t)) return 'tuple';
  return t;
}

/** What a return statement's value is: a family name, 'none', or undefined when not evident. */
function returned(types: Types, e: Expr | null): string | undefined {
  if (e === null || (e.k === 'const' && e.v === null)) return 'none';
  if (e.k === 'list' || e.k === 'listcomp') return 'list';
  if (e.k === 'tuple') return 'tuple';
  if (e.k === 'dict') return 'dict';
  const t = types.of(e);
  return t === undefined ? undefined : family(t);
}

export function checkReturns(cm: CheckedModule): void {
  for (const f of cm.mod.funcs) {
    if (!f.returns) continue;
    if (f.name.startsWith('_') && returnTypeName(f) === undefined)
      cm.src.error(
        'E-ANNOTATION',
        `${f.name}(): unsupported return annotation (int, bool, bytes, str, None, list[T], tuple[...], dict, Optional[T], or an ABI type name such as "address" or "u64")`,
        f.returns.at,
      );
    const ann = annotationType(f.returns);
    if (ann === null) continue; // unsupported annotations are reported by the validator
    const want = family(ann);
    const types = new Types(cm, f);
    for (const r of returnsOf(f.body)) {
      const got = returned(types, r.value);
      if (got === undefined || got === want) continue;
      // bool is an int in Python
      if (got === 'bool' && want === 'int') continue;
      const shown = ann === 'none' ? 'None' : ann;
      const what = got === 'none' ? (r.value ? 'returns None' : 'returns nothing') : `returns ${got}`;
      cm.src.error('E-RETURN-TYPE', `${f.name}() is annotated -> ${shown} but ${what} here`, r.value?.at ?? r.at);
    }
  }
}

function returnsOf(ss: readonly Stmt[], out: (Stmt & { k: 'return' })[] = []): (Stmt & { k: 'return' })[] {
  for (const s of ss) {
    if (s.k === 'return') out.push(s);
    else if (s.k === 'if') {
      returnsOf(s.body, out);
      returnsOf(s.orelse, out);
    } else if (s.k === 'while' || s.k === 'for') returnsOf(s.body, out);
  }
  return out;
}

/** What the run must check of a function's returned values. */
export interface ReturnPlan {
  /** the annotation's canonical name: the CHECK_RETURN constant */
  name: string;
  type: RType;
  proof: Proof;
}

export function returnPlan(cm: CheckedModule, f: FunctionDef): ReturnPlan | null {
  const name = returnTypeName(f);
  if (!name) return null;
  return { name, type: parseReturnType(name)!, proof: proofOf(cm, f) };
}

/** Whether returning `e` (null: the implicit None) needs CHECK_RETURN. */
export function needsCheck(plan: ReturnPlan, e: Expr | null): boolean {
  const t = e === null ? 'none' : plan.proof.typeOf(e);
  return t === undefined || !provenToSatisfy(t, plan.type);
}
