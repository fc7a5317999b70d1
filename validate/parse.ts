// lezer tree -> contract AST. This is also the first validation pass: every construct the
// subset bans is reported here with its stable code at the node's position, and conversion
// goes on so that one run reports every error in the file.
import { parser } from '@lezer/python';
import type { SyntaxNode } from '@lezer/common';
import type { BinOp, CmpOp, Comprehension, ConstDef, Expr, FPart, FunctionDef, ImportBinding, Keyword, Module, Param, Stmt } from './ast.js';
import { findTooDeep, MAX_TREE_DEPTH } from './depth.js';
import { decodeStringLiteral, parseIntLiteral } from './literals.js';
import { typeNameProblem } from './type_names.js';
import type { Source } from './source.js';

const BANNED_NODES: Record<string, [string, string]> = {
  ClassDefinition: ['E-CLASS', 'classes are not allowed in contracts'],
  DecoratedStatement: ['E-DECORATOR', 'decorators are not allowed'],
  TryStatement: ['E-TRY', 'try/except is not allowed; use abi.require(cond, reason) to fail a call'],
  RaiseStatement: ['E-TRY', 'raise is not allowed; use abi.revert(reason)'],
  WithStatement: ['E-WITH', 'with statements are not allowed'],
  ScopeStatement: ['E-GLOBAL', 'global/nonlocal is not allowed; keep state in storage'],
  YieldStatement: ['E-YIELD', 'generators (yield) are not allowed'],
  YieldExpression: ['E-YIELD', 'generators (yield) are not allowed'],
  AwaitExpression: ['E-ASYNC', 'async/await is not allowed'],
  SetExpression: ['E-SET', 'sets are not allowed (their order is not deterministic); use a dict or list'],
  SetComprehensionExpression: ['E-SET', 'set comprehensions are not allowed; use a list comprehension'],
  NamedExpression: ['E-WALRUS', 'assignment expressions (:=) are not allowed'],
  PrintStatement: ['E-SYNTAX', 'print statement is not Python 3'],
  MatchStatement: ['E-SYNTAX', 'match statements are not supported'],
  Ellipsis: ['E-SYNTAX', '... is not supported'],
};

/**
 * `not` binds tighter than `and`/`or`, but @lezer/python parses `not a or b` as
 * `not (a or b)`: push the `not` down to the leftmost operand of an unparenthesized and/or.
 */
function applyNot(e: Expr, at: number): Expr {
  if (e.k === 'boolop' && !e.paren) return { ...e, at, l: applyNot(e.l, at) };
  return { k: 'unary', at, op: 'not', e };
}

/**
 * `a and not b or c`: lezer's `not` swallows the `or` (`a and not (b or c)`, which applyNot
 * makes `a and ((not b) or c)`), but Python reads `(a and not b) or c`: lift each `or` the
 * `not` swallowed above the `and`. (`and` inside it needs nothing: and-chains associate.)
 */
function andNot(l: Expr, r: Expr, at: number): Expr {
  if (r.k === 'boolop' && r.op === 'or' && !r.paren) return { ...r, at, l: andNot(l, r.l, at) };
  return { k: 'boolop', at, op: 'and', l, r };
}

export function parseModule(src: Source): Module {
  const mod: Module = { imports: [], typingNames: new Set(), consts: [], funcs: [] };
  let tree;
  try {
    tree = parser.parse(src.text);
  } catch (e) {
    // lezer builds its tree recursively; thousands of nested brackets exhaust the stack
    if (!(e instanceof RangeError)) throw e;
    src.error('E-NESTING', 'code is nested too deeply to parse; split the expression', 0);
    return mod;
  }
  const deep = findTooDeep(tree);
  if (deep >= 0) {
    src.error('E-NESTING', `code is nested more than ${MAX_TREE_DEPTH} levels deep; split the expression`, deep);
    return mod;
  }
  const p = new Converter(src);
  // Report syntax errors first: lezer recovers by inserting error nodes.
  tree.iterate({
    enter: (n) => {
      if (n.type.isError) {
        p.err('E-SYNTAX', 'invalid syntax', n.from);
        return false;
      }
      return undefined;
    },
  });
  if (src.diags.length) return mod;
  for (const n of kids(tree.topNode)) p.moduleStmt(n, mod);
  return mod;
}

function kids(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

const PUNCT = new Set(['(', ')', '[', ']', '{', '}', ',', ':', '.', 'Comment']);

class Converter {
  constructor(private readonly src: Source) {}

  err(code: string, message: string, at: number): void {
    this.src.error(code, message, at);
  }

  text(n: SyntaxNode): string {
    return this.src.text.slice(n.from, n.to);
  }

  // ---------- module level ----------

  moduleStmt(n: SyntaxNode, mod: Module): void {
    switch (n.name) {
      case 'ImportStatement':
        return this.importStmt(n, mod);
      case 'FunctionDefinition': {
        const f = this.funcDef(n);
        if (f) mod.funcs.push(f);
        return;
      }
      case 'ExpressionStatement': {
        const e = kids(n)[0];
        if (e && (e.name === 'String' || e.name === 'ContinuedString')) return; // docstring
        this.err('E-MODULE-STATE', 'module level may only hold imports, constants and functions', n.from);
        return;
      }
      case 'AssignStatement':
        return this.moduleAssign(n, mod);
      case 'Comment':
        return;
    }
    if (BANNED_NODES[n.name]) {
      const [code, msg] = BANNED_NODES[n.name];
      return this.err(code, msg, n.from);
    }
    this.err('E-MODULE-STATE', 'module level may only hold imports, constants and functions (control flow runs at deploy time in Python, not here)', n.from);
  }

  moduleAssign(n: SyntaxNode, mod: Module): void {
    const s = this.assignStmt(n);
    if (!s) return;
    if (s.k === 'annassign' && s.value === null) return; // bare annotation `X: int`
    const target = s.k === 'assign' ? s.targets : s.k === 'annassign' ? [s.target] : [];
    const value = s.k === 'assign' || s.k === 'annassign' ? s.value : null;
    if (target.length !== 1 || target[0].k !== 'name' || value === null) {
      this.err('E-MODULE-STATE', 'module constants must be simple `NAME = expression` assignments', n.from);
      return;
    }
    mod.consts.push({ at: n.from, name: target[0].id, value } satisfies ConstDef);
  }

  importStmt(n: SyntaxNode, mod: Module): void {
    const ch = kids(n);
    const isFrom = ch[0].name === 'from';
    // Split into dotted paths with optional `as` aliases.
    if (!isFrom) {
      // import a.b.c [as x], d [as y]
      let i = 1;
      while (i < ch.length) {
        const path: string[] = [];
        const at = ch[i].from;
        while (i < ch.length && (ch[i].name === 'VariableName' || ch[i].name === '.')) {
          if (ch[i].name === 'VariableName') path.push(this.text(ch[i]));
          i++;
        }
        let alias: string | null = null;
        if (i < ch.length && ch[i].name === 'as') {
          alias = this.text(ch[i + 1]);
          i += 2;
        }
        if (i < ch.length && ch[i].name === ',') i++;
        this.bindImport(mod, path, alias, at, false);
        if (path.length === 0) break;
      }
      return;
    }
    // from X.Y import a [as b], c
    let i = 1;
    const modPath: string[] = [];
    let relative = false;
    while (i < ch.length && ch[i].name !== 'import') {
      if (ch[i].name === 'VariableName') modPath.push(this.text(ch[i]));
      else if (ch[i].name === '.') {
        if (modPath.length === 0) relative = true;
      }
      i++;
    }
    i++; // import
    if (relative) return this.err('E-IMPORT', 'relative imports are not allowed; import from stdlib', n.from);
    const root = modPath[0] ?? '';
    if (root === '__future__' || root === 'typing') {
      for (; i < ch.length; i++) {
        if (ch[i].name === 'VariableName') {
          const next = ch[i + 1];
          if (next && next.name === 'as') continue;
          mod.typingNames.add(this.text(ch[i]));
        } else if (ch[i].name === '*') this.err('E-IMPORT', `star imports are not allowed`, ch[i].from);
      }
      return;
    }
    if (root !== 'stdlib') {
      return this.err('E-IMPORT', `import of '${modPath.join('.')}' is not allowed; contracts may import only from stdlib`, n.from);
    }
    for (; i < ch.length; i++) {
      const c = ch[i];
      if (c.name === '*') {
        this.err('E-IMPORT', 'star imports are not allowed; name what you import from stdlib', c.from);
        continue;
      }
      if (c.name !== 'VariableName') continue;
      const name = this.text(c);
      let alias: string | null = null;
      if (ch[i + 1]?.name === 'as') {
        alias = this.text(ch[i + 2]);
        i += 2;
      }
      this.bindImport(mod, [...modPath, name], alias, c.from, true);
    }
  }

  bindImport(mod: Module, path: string[], alias: string | null, at: number, fromForm: boolean): void {
    if (path.length === 0) return;
    if (path[0] === '__future__' || path[0] === 'typing') {
      mod.typingNames.add(alias ?? path[0]);
      return;
    }
    if (path[0] !== 'stdlib') {
      this.err('E-IMPORT', `import of '${path.join('.')}' is not allowed; contracts may import only from stdlib`, at);
      return;
    }
    if (!fromForm && alias === null && path.length > 1) {
      // `import stdlib.abi` binds `stdlib`, through which stdlib.abi.* is reached
      mod.imports.push({ at, local: 'stdlib', path: [] } satisfies ImportBinding);
      return;
    }
    mod.imports.push({ at, local: alias ?? path[path.length - 1], path: path.slice(1) });
  }

  funcDef(n: SyntaxNode): FunctionDef | null {
    const ch = kids(n);
    if (ch[0].name === 'async') {
      this.err('E-ASYNC', 'async functions are not allowed', n.from);
      return null;
    }
    const nameNode = ch.find((c) => c.name === 'VariableName');
    const paramList = ch.find((c) => c.name === 'ParamList');
    const body = ch.find((c) => c.name === 'Body');
    const ret = ch.find((c) => c.name === 'TypeDef');
    if (!nameNode || !paramList || !body) {
      this.err('E-SYNTAX', 'malformed function definition', n.from);
      return null;
    }
    const params = this.params(paramList);
    return {
      at: n.from,
      name: this.text(nameNode),
      params,
      returns: ret ? this.typeDefExpr(ret) : null,
      body: this.body(body),
    };
  }

  params(pl: SyntaxNode): Param[] {
    const out: Param[] = [];
    let kwOnly = false;
    const ch = kids(pl);
    for (let i = 0; i < ch.length; i++) {
      const c = ch[i];
      if (c.name === '*' || c.name === '**') {
        const next = ch[i + 1];
        if (c.name === '*' && (!next || next.name === ',' || next.name === ')')) {
          kwOnly = true; // bare `*` separator
          continue;
        }
        this.err('E-STARARGS', `${c.name}args parameters are not allowed`, c.from);
        i++;
        continue;
      }
      if (c.name === '/') continue; // positional-only marker: harmless
      if (c.name !== 'VariableName') continue;
      const p: Param = { at: c.from, name: this.text(c), annotation: null, default: null, kwOnly };
      if (ch[i + 1]?.name === 'TypeDef') {
        p.annotation = this.typeDefExpr(ch[i + 1]);
        i++;
      }
      if (ch[i + 1]?.name === 'AssignOp') {
        p.default = this.expr(ch[i + 2]);
        i += 2;
      }
      out.push(p);
    }
    return out;
  }

  typeDefExpr(td: SyntaxNode): Expr | null {
    const e = kids(td).find((c) => c.name !== ':' && c.name !== '->');
    const x = e ? this.expr(e) : null;
    if (x) this.checkStringAnnotations(x);
    return x;
  }

  /** A string in an annotation names an ABI type; a bad one is an error where it is written. */
  checkStringAnnotations(e: Expr): void {
    if (e.k === 'str') {
      const why = typeNameProblem(e.v);
      if (why) this.err('E-ANNOTATION', `string annotation ${JSON.stringify(e.v)} is not a type: ${why}`, e.at);
    } else if (e.k === 'index') {
      this.checkStringAnnotations(e.index);
    } else if (e.k === 'tuple') e.elts.forEach((x) => this.checkStringAnnotations(x));
  }

  // ---------- statements ----------

  body(b: SyntaxNode): Stmt[] {
    const out: Stmt[] = [];
    for (const c of kids(b)) {
      if (c.name === ':' || c.name === 'Comment') continue;
      const s = this.stmt(c);
      if (Array.isArray(s)) out.push(...s);
      else if (s) out.push(s);
    }
    return out;
  }

  stmt(n: SyntaxNode): Stmt | Stmt[] | null {
    const at = n.from;
    const ch = kids(n);
    switch (n.name) {
      case 'ExpressionStatement': {
        const e = ch[0];
        if (e.name === 'String' || e.name === 'ContinuedString') return null; // docstring / comment string
        return { k: 'expr', at, e: this.exprList(ch) };
      }
      case 'AssignStatement':
        return this.assignStmt(n);
      case 'UpdateStatement': {
        const opIdx = ch.findIndex((c) => c.name === 'UpdateOp');
        const opText = this.text(ch[opIdx]).slice(0, -1);
        const target = this.exprList(ch.slice(0, opIdx));
        const value = this.exprList(ch.slice(opIdx + 1));
        const op = this.binOp(opText, ch[opIdx].from);
        if (!op) return null;
        if (target.k !== 'name' && target.k !== 'index') {
          this.err('E-ASSIGN', 'augmented assignment needs a name or a subscript target', at);
          return null;
        }
        return { k: 'augassign', at, target, op, value };
      }
      case 'IfStatement':
        return this.ifStmt(ch, 0);
      case 'WhileStatement': {
        const loop: Stmt = { k: 'while', at, test: this.expr(ch[1]), body: this.body(ch[2]) };
        const elseIdx = ch.findIndex((c) => c.name === 'else');
        return elseIdx < 0 ? loop : loopElse(loop, this.body(ch[elseIdx + 1]), ch[elseIdx].from);
      }
      case 'ForStatement': {
        const inIdx = ch.findIndex((c) => c.name === 'in');
        const bodyIdx = ch.findIndex((c) => c.name === 'Body');
        const target = this.targetList(ch.slice(1, inIdx));
        this.checkTarget(target, false);
        const loop: Stmt = { k: 'for', at, target, iter: this.exprList(ch.slice(inIdx + 1, bodyIdx)), body: this.body(ch[bodyIdx]) };
        const elseIdx = ch.findIndex((c) => c.name === 'else');
        return elseIdx < 0 ? loop : loopElse(loop, this.body(ch[elseIdx + 1]), ch[elseIdx].from);
      }
      case 'PassStatement':
        return { k: 'pass', at };
      case 'BreakStatement':
        return { k: 'break', at };
      case 'ContinueStatement':
        return { k: 'continue', at };
      case 'ReturnStatement':
        return { k: 'return', at, value: ch.length > 1 ? this.exprList(ch.slice(1)) : null };
      case 'AssertStatement': {
        const parts = ch.slice(1).filter((c) => c.name !== ',');
        return { k: 'assert', at, test: this.expr(parts[0]), msg: parts[1] ? this.expr(parts[1]) : null };
      }
      case 'DeleteStatement': {
        const targets = ch
          .slice(1)
          .filter((c) => c.name !== ',')
          .map((c) => this.expr(c));
        for (const t of targets) if (t.k !== 'index' && t.k !== 'slice') this.err('E-DEL', 'only `del d[k]`, `del xs[i]` and `del xs[a:b]` are allowed', t.at);
        return { k: 'del', at, targets };
      }
      case 'FunctionDefinition':
        this.err('E-NESTED-DEF', 'nested function definitions are not allowed; define helpers at module level', at);
        return null;
      case 'ImportStatement':
        this.err('E-IMPORT', 'imports belong at module level, and only from stdlib', at);
        return null;
    }
    if (BANNED_NODES[n.name]) {
      const [code, msg] = BANNED_NODES[n.name];
      this.err(code, msg, at);
      return null;
    }
    this.err('E-SYNTAX', `unsupported statement (${n.name})`, at);
    return null;
  }

  ifStmt(ch: SyntaxNode[], i: number): Stmt {
    // ch[i] is `if` or `elif`, then test, then Body
    const at = ch[i].from;
    const test = this.expr(ch[i + 1]);
    const body = this.body(ch[i + 2]);
    let orelse: Stmt[] = [];
    const next = ch[i + 3];
    if (next?.name === 'elif') orelse = [this.ifStmt(ch, i + 3)];
    else if (next?.name === 'else') orelse = this.body(ch[i + 4]);
    return { k: 'if', at, test, body, orelse };
  }

  assignStmt(n: SyntaxNode): Stmt | null {
    const ch = kids(n);
    const at = n.from;
    const td = ch.findIndex((c) => c.name === 'TypeDef');
    if (td >= 0) {
      this.typeDefExpr(ch[td]); // checked, not kept: a local's annotation changes nothing at run time
      const target = this.exprList(ch.slice(0, td));
      if (target.k !== 'name' && target.k !== 'index') this.err('E-ASSIGN', 'annotated assignment needs a name target', at);
      const eq = ch.findIndex((c) => c.name === 'AssignOp');
      const value = eq >= 0 ? this.exprList(ch.slice(eq + 1)) : null;
      return { k: 'annassign', at, target, value };
    }
    const groups: SyntaxNode[][] = [[]];
    for (const c of ch) {
      if (c.name === 'AssignOp') {
        if (this.text(c) !== '=') this.err('E-WALRUS', 'assignment expressions (:=) are not allowed', c.from);
        groups.push([]);
      } else groups[groups.length - 1].push(c);
    }
    const exprs = groups.map((g, i) => (i < groups.length - 1 ? this.targetList(g) : this.exprList(g)));
    const value = exprs.pop()!;
    for (const t of exprs) this.checkTarget(t, true);
    return { k: 'assign', at, targets: exprs, value };
  }

  checkTarget(t: Expr, allowSubscript: boolean): void {
    if (t.k === 'name') return;
    if ((t.k === 'index' || t.k === 'slice') && allowSubscript) return;
    if (t.k === 'tuple' || t.k === 'list') {
      const stars = t.elts.filter((e) => e.k === 'starred');
      if (stars.length > 1) this.err('E-ASSIGN', 'multiple starred expressions in assignment', stars[1].at);
      for (const e of t.elts) {
        if (e.k === 'starred') {
          if (e.e.k !== 'name') this.err('E-ASSIGN', 'a starred target must be a name (first, *rest = xs)', e.at);
        } else this.checkTarget(e, allowSubscript);
      }
      return;
    }
    if (t.k === 'attr') this.err('E-ASSIGN', 'cannot assign to an attribute', t.at);
    else this.err('E-ASSIGN', 'cannot assign to this expression', t.at);
  }

  /** A target list: as exprList, and `*name` marks the one starred target (`first, *rest = xs`). */
  targetList(nodes: SyntaxNode[]): Expr {
    const items = nodes.filter((c) => c.name !== ',' && c.name !== 'Comment');
    if (!items.some((c) => c.name === '*')) return this.exprList(nodes);
    const elts: Expr[] = [];
    for (let i = 0; i < items.length; i++) {
      if (items[i].name === '*' && items[i + 1]) {
        elts.push({ k: 'starred', at: items[i].from, e: this.expr(items[i + 1]) });
        i++;
      } else elts.push(this.expr(items[i]));
    }
    return { k: 'tuple', at: nodes[0]?.from ?? 0, elts };
  }

  /** Comma-separated expressions: one expression, or a tuple when there are commas. */
  exprList(nodes: SyntaxNode[]): Expr {
    const items = nodes.filter((c) => c.name !== ',' && c.name !== 'Comment');
    const hasComma = nodes.some((c) => c.name === ',');
    if (!hasComma && items.length === 1) return this.expr(items[0]);
    return { k: 'tuple', at: nodes[0]?.from ?? 0, elts: items.map((c) => this.expr(c)) };
  }

  // ---------- expressions ----------

  bad(code: string, msg: string, at: number): Expr {
    this.err(code, msg, at);
    return { k: 'const', at, v: null };
  }

  binOp(t: string, at: number): BinOp | null {
    switch (t) {
      case '+':
      case '-':
      case '*':
      case '//':
      case '%':
      case '**':
      case '<<':
      case '>>':
      case '&':
      case '|':
      case '^':
        return t;
      case '/':
        this.err('E-TRUEDIV', 'true division `/` is not allowed (no floats); use `//` for floor division', at);
        return null;
      case '@':
        this.err('E-SYNTAX', 'matrix multiplication `@` is not supported', at);
        return null;
    }
    this.err('E-SYNTAX', `unsupported operator ${t}`, at);
    return null;
  }

  expr(n: SyntaxNode): Expr {
    const at = n.from;
    const ch = kids(n);
    switch (n.name) {
      case 'Number': {
        const r = parseIntLiteral(this.text(n));
        if (r.kind === 'float') return this.bad('E-FLOAT', `float and complex literals are not allowed (${this.text(n)}); use integers`, at);
        if (r.kind === 'error') return this.bad('E-SYNTAX', r.message, at);
        return { k: 'int', at, v: r.value };
      }
      case 'String':
      case 'ContinuedString':
        return this.stringLit(n);
      case 'Boolean':
        return { k: 'const', at, v: this.text(n) === 'True' };
      case 'None':
        return { k: 'const', at, v: null };
      case 'VariableName':
        return { k: 'name', at, id: this.text(n) };
      case 'ParenthesizedExpression': {
        const inner = ch.filter((c) => !PUNCT.has(c.name));
        if (inner.length !== 1) return this.bad('E-SYNTAX', 'unexpected parenthesized expression', at);
        const e = this.expr(inner[0]);
        return e.k === 'boolop' ? { ...e, paren: true } : e;
      }
      case 'TupleExpression':
      case 'ArrayExpression': {
        const items = ch.filter((c) => !PUNCT.has(c.name));
        if (items.some((c) => c.name === '*')) return this.bad('E-STARARGS', 'star expressions are not allowed', at);
        const elts = items.map((c) => this.expr(c));
        return n.name === 'TupleExpression' ? { k: 'tuple', at, elts } : { k: 'list', at, elts };
      }
      case 'DictionaryExpression': {
        const items = ch.filter((c) => !PUNCT.has(c.name));
        if (items.some((c) => c.name === '**')) return this.bad('E-STARARGS', '** in dict literals is not allowed', at);
        const keys: Expr[] = [];
        const values: Expr[] = [];
        for (let i = 0; i + 1 < items.length; i += 2) {
          keys.push(this.expr(items[i]));
          values.push(this.expr(items[i + 1]));
        }
        return { k: 'dict', at, keys, values };
      }
      case 'DictionaryComprehensionExpression':
        return this.dictComp(n);
      case 'ArrayComprehensionExpression':
        return this.listComp(n);
      case 'ComprehensionExpression': {
        const lc = this.listComp(n);
        return lc.k === 'listcomp' ? { k: 'genexp', at, elt: lc.elt, gens: lc.gens } : lc;
      }
      case 'LambdaExpression':
        return this.lambda(n);
      case 'FormatString':
        return this.fstring(n);
      case 'MemberExpression':
        return this.member(n);
      case 'CallExpression':
        return this.call(n);
      case 'UnaryExpression': {
        const opText = this.text(ch[0]);
        const e = this.expr(ch[1]);
        if (opText === 'not') return applyNot(e, at);
        if (opText === '-' || opText === '+' || opText === '~') return { k: 'unary', at, op: opText, e };
        return this.bad('E-SYNTAX', `unsupported unary operator ${opText}`, at);
      }
      case 'BinaryExpression':
        return this.binary(n);
      case 'ConditionalExpression': {
        // body if test else orelse
        const parts = ch.filter((c) => c.name !== 'if' && c.name !== 'else');
        return { k: 'ifexp', at, body: this.expr(parts[0]), test: this.expr(parts[1]), orelse: this.expr(parts[2]) };
      }
    }
    if (BANNED_NODES[n.name]) {
      const [code, msg] = BANNED_NODES[n.name];
      return this.bad(code, msg, at);
    }
    return this.bad('E-SYNTAX', `unsupported expression (${n.name})`, at);
  }

  stringLit(n: SyntaxNode): Expr {
    const at = n.from;
    const parts = n.name === 'ContinuedString' ? kids(n).filter((c) => c.name === 'String' || c.name === 'FormatString') : [n];
    if (parts.some((p) => p.name === 'FormatString')) {
      // "a" f"{x}" "b": one f-string of all the parts
      const out: FPart[] = [];
      for (const p of parts) {
        const e = p.name === 'FormatString' ? this.fstring(p) : this.stringLit(p);
        if (e.k === 'fstring') out.push(...e.parts);
        else if (e.k === 'str') out.push(e.v);
        else if (e.k === 'bytes') return this.bad('E-SYNTAX', 'cannot mix bytes and str literals', p.from);
      }
      return { k: 'fstring', at, parts: out };
    }
    let isBytes: boolean | null = null;
    const strs: string[] = [];
    const bytes: number[] = [];
    for (const p of parts) {
      const r = decodeStringLiteral(this.text(p));
      if (r.kind === 'error') return this.bad(r.code, r.message, p.from);
      if (isBytes !== null && isBytes !== (r.kind === 'bytes')) return this.bad('E-SYNTAX', 'cannot mix bytes and str literals', p.from);
      isBytes = r.kind === 'bytes';
      if (r.kind === 'bytes') bytes.push(...r.value);
      else strs.push(r.value);
    }
    return isBytes ? { k: 'bytes', at, v: Uint8Array.from(bytes) } : { k: 'str', at, v: strs.join('') };
  }

  /** f"...": literal runs decoded like the plain literal they sit in; fields parsed as expressions. */
  fstring(n: SyntaxNode): Expr {
    const at = n.from;
    const full = this.text(n);
    const prefix = /^[a-zA-Z]*/.exec(full)![0];
    const plain = prefix.replace(/[fF]/g, '');
    const q = full.slice(prefix.length).startsWith('"""') || full.slice(prefix.length).startsWith("'''") ? 3 : 1;
    const quote = full.slice(prefix.length, prefix.length + q);
    const lit = (from: number, to: number, raw: boolean): string | null => {
      const t = this.src.text.slice(from, to).replace(/\{\{/g, '{').replace(/\}\}/g, '}');
      if (t === '') return '';
      if (raw) return t;
      const r = decodeStringLiteral(plain + quote + t + quote);
      if (r.kind !== 'str') {
        this.err(r.kind === 'error' ? r.code : 'E-SYNTAX', r.kind === 'error' ? r.message : 'invalid f-string', from);
        return null;
      }
      return r.value;
    };
    const fields = (node: SyntaxNode, from: number, to: number, raw: boolean): FPart[] => {
      const out: FPart[] = [];
      let pos = from;
      for (const c of kids(node)) {
        if (c.name !== 'FormatReplacement') continue;
        const s = lit(pos, c.from, raw);
        if (s) out.push(s);
        out.push(this.replacement(c, quote));
        pos = c.to;
      }
      const s = lit(pos, to, raw);
      if (s) out.push(s);
      return out;
    };
    return { k: 'fstring', at, parts: fields(n, n.from + prefix.length + q, n.to - q, false) };
  }

  replacement(r: SyntaxNode, quote: string): FPart {
    this.py311Field(r, quote);
    const ch = kids(r).filter((c) => c.name !== '{' && c.name !== '}' && c.name !== 'Comment');
    const exprNodes = ch.filter((c) => c.name !== 'FormatConversion' && c.name !== 'FormatSpec');
    const convNode = ch.find((c) => c.name === 'FormatConversion');
    const specNode = ch.find((c) => c.name === 'FormatSpec');
    let conv: 's' | 'r' | null = null;
    if (convNode) {
      const t = this.text(convNode).slice(1);
      if (t === 's' || t === 'r') conv = t;
      else this.err('E-FSTRING', `f-string conversion !${t} is not supported (use !s or !r)`, convNode.from);
    }
    if (exprNodes.length === 0) {
      this.err('E-FSTRING', 'f-string: empty expression', r.from);
      return { at: r.from, e: { k: 'const', at: r.from, v: null }, conv, spec: [] };
    }
    const spec: FPart[] = [];
    if (specNode) {
      let pos = specNode.from + 1; // after ':'
      for (const c of kids(specNode)) {
        if (c.name !== 'FormatReplacement') continue;
        if (c.from > pos) spec.push(this.src.text.slice(pos, c.from));
        spec.push(this.replacement(c, quote));
        pos = c.to;
      }
      if (specNode.to > pos) spec.push(this.src.text.slice(pos, specNode.to));
    }
    return { at: exprNodes[0].from, e: this.exprList(exprNodes), conv, spec };
  }

  /**
   * The parser reads f-strings as Python 3.12 does, but contracts are Python 3.11, whose
   * tokenizer ends an f-string at its own quote and refuses a backslash or a comment inside
   * `{...}`: such a field is an error here, with the 3.11 form to write instead.
   */
  py311Field(r: SyntaxNode, quote: string): void {
    const ch = kids(r);
    const end = ch.find((c) => c.name === 'FormatConversion' || c.name === 'FormatSpec')?.from ?? r.to - 1;
    const text = this.src.text.slice(r.from + 1, end);
    const q = text.indexOf(quote);
    if (q >= 0) {
      const other = quote[0] === '"' ? "'" : '"';
      this.err(
        'E-FSTRING',
        `f-string: a string inside {...} uses the f-string's own quote ${quote}; Python 3.11 ends the f-string there (reusing the quote is Python 3.12 syntax): use ${other} inside`,
        r.from + 1 + q,
      );
    }
    const b = text.indexOf('\\');
    if (b >= 0)
      this.err('E-FSTRING', 'f-string expression part cannot include a backslash (Python 3.11): compute the value before the f-string', r.from + 1 + b);
    const c = ch.find((x) => x.name === 'Comment' && x.from < end);
    if (c) this.err('E-FSTRING', "f-string expression part cannot include '#' (Python 3.11)", c.from);
  }

  lambda(n: SyntaxNode): Expr {
    const ch = kids(n);
    const pl = ch.find((c) => c.name === 'ParamList');
    const body = ch[ch.length - 1];
    const params: string[] = [];
    if (pl) {
      for (const p of this.params(pl)) {
        if (p.default) this.err('E-LAMBDA', 'lambda parameters with defaults are not supported', p.at);
        params.push(p.name);
      }
    }
    return { k: 'lambda', at: n.from, params, body: this.expr(body) };
  }

  member(n: SyntaxNode): Expr {
    const at = n.from;
    const ch = kids(n);
    const obj = this.expr(ch[0]);
    if (ch[1]?.name === '.') {
      const attr = this.text(ch[2]);
      if (attr.startsWith('__')) return this.bad('E-DUNDER', `dunder attributes are not allowed (${attr})`, ch[2].from);
      return { k: 'attr', at, obj, attr };
    }
    // subscript: obj [ ... ]
    const inner = ch.slice(2, ch.length - 1);
    const colons = inner.filter((c) => c.name === ':').length;
    if (colons === 0) return { k: 'index', at, obj, index: this.exprList(inner) };
    // split on colons into up to three parts
    const parts: SyntaxNode[][] = [[]];
    for (const c of inner) {
      if (c.name === ':') parts.push([]);
      else parts[parts.length - 1].push(c);
    }
    if (parts.length > 3) return this.bad('E-SYNTAX', 'a slice has at most three parts (a[start:stop:step])', at);
    const part = (p: SyntaxNode[]) => (p.length === 0 ? null : this.exprList(p));
    // `a[x:y:]` and `a[x:y:None]` are plain slices, as in CPython
    const step = parts.length === 3 && !(parts[2].length === 1 && parts[2][0].name === 'None') ? part(parts[2]) : null;
    return { k: 'slice', at, obj, lo: part(parts[0]), hi: part(parts[1]), step };
  }

  call(n: SyntaxNode): Expr {
    const at = n.from;
    const ch = kids(n);
    const fn = this.expr(ch[0]);
    const argList = ch[1];
    const items = kids(argList).filter((c) => !PUNCT.has(c.name));
    if (items.some((c) => c.name === 'for')) {
      // f(x for x in xs): the sole argument is a generator expression
      const lc = this.listComp(argList);
      const g: Expr = lc.k === 'listcomp' ? { k: 'genexp', at: argList.from, elt: lc.elt, gens: lc.gens } : lc;
      return { k: 'call', at, fn, args: [g], kw: [] };
    }
    const args: Expr[] = [];
    const kw: Keyword[] = [];
    for (let i = 0; i < items.length; i++) {
      const c = items[i];
      if (c.name === '*' && fn.k === 'name' && fn.id === 'zip' && items.length === 2) {
        // zip(*rows): the one star argument there is (the checker makes sure zip is the builtin)
        args.push({ k: 'starred', at: c.from, e: this.expr(items[1]) });
        i++;
        continue;
      }
      if (c.name === '*' || c.name === '**') {
        this.err(
          'E-STARARGS',
          c.name === '*'
            ? '* arguments are not allowed (calls bind statically) but in zip(*rows): pass the list itself where the callee takes one (max(xs), sum(xs)) or index it (f(xs[0], xs[1]))'
            : '** arguments are not allowed (calls bind statically): pass each keyword by name',
          c.from,
        );
        i++;
        continue;
      }
      if (items[i + 1]?.name === 'AssignOp') {
        kw.push({ at: c.from, name: this.text(c), value: this.expr(items[i + 2]) });
        i += 2;
        continue;
      }
      if (kw.length) this.err('E-SYNTAX', 'positional argument follows keyword argument', c.from);
      args.push(this.expr(c));
    }
    return { k: 'call', at, fn, args, kw };
  }

  binary(n: SyntaxNode): Expr {
    const at = n.from;
    const ch = kids(n);
    const l = ch[0];
    const r = ch[ch.length - 1];
    const opNodes = ch.slice(1, ch.length - 1);
    const opText = opNodes.map((o) => this.text(o)).join(' ');
    if (opText === 'and' && r.name === 'UnaryExpression') return andNot(this.expr(l), this.expr(r), at);
    if (opText === 'and' || opText === 'or') return { k: 'boolop', at, op: opText, l: this.expr(l), r: this.expr(r) };
    const cmp = this.cmpOp(opText);
    if (cmp) {
      // lezer nests `a < b < c` as ((a < b) < c); Python chains them.
      const left = this.expr(l);
      const right = this.expr(r);
      if (left.k === 'cmp' && l.name === 'BinaryExpression') {
        return { k: 'cmp', at, ops: [...left.ops, cmp], operands: [...left.operands, right] };
      }
      return { k: 'cmp', at, ops: [cmp], operands: [left, right] };
    }
    const op = this.binOp(opText, opNodes[0]?.from ?? at);
    if (!op) return { k: 'const', at, v: null };
    return { k: 'bin', at, op, l: this.expr(l), r: this.expr(r) };
  }

  cmpOp(t: string): CmpOp | null {
    switch (t) {
      case '==':
      case '!=':
      case '<':
      case '<=':
      case '>':
      case '>=':
      case 'in':
      case 'not in':
      case 'is':
      case 'is not':
        return t;
    }
    return null;
  }

  listComp(n: SyntaxNode): Expr {
    const at = n.from;
    const ch = kids(n).filter((c) => !PUNCT.has(c.name));
    // elt for target in iter [if cond]* [for ...]*
    const forIdx = ch.findIndex((c) => c.name === 'for');
    const elt = this.exprList(ch.slice(0, forIdx));
    return { k: 'listcomp', at, elt, gens: this.compGens(n, ch, forIdx) };
  }

  /** {key: value for target in iter [if cond]* [for ...]*}: key, then value, as CPython 3.8+ */
  dictComp(n: SyntaxNode): Expr {
    const all = kids(n);
    const ch = all.filter((c) => !PUNCT.has(c.name));
    const forIdx = ch.findIndex((c) => c.name === 'for');
    const colon = all.find((c) => c.name === ':');
    if (forIdx < 0 || !colon) return this.bad('E-SYNTAX', 'invalid dict comprehension', n.from);
    const key = this.exprList(ch.slice(0, forIdx).filter((c) => c.to <= colon.from));
    const value = this.exprList(ch.slice(0, forIdx).filter((c) => c.from >= colon.to));
    return { k: 'dictcomp', at: n.from, key, value, gens: this.compGens(n, ch, forIdx) };
  }

  compGens(n: SyntaxNode, ch: SyntaxNode[], forIdx: number): Comprehension[] {
    const gens: Comprehension[] = [];
    let i = forIdx;
    while (i < ch.length) {
      if (ch[i].name === 'for') {
        const inIdx = ch.findIndex((c, j) => j > i && c.name === 'in');
        const target = this.exprList(kids(n).filter((c) => c.from >= ch[i].to && c.to <= ch[inIdx].from));
        this.checkTarget(target, false);
        const iter = this.expr(ch[inIdx + 1]);
        gens.push({ target, iter, ifs: [] });
        i = inIdx + 2;
      } else if (ch[i].name === 'if') {
        gens[gens.length - 1].ifs.push(this.expr(ch[i + 1]));
        i += 2;
      } else if (ch[i].name === 'async') {
        this.err('E-ASYNC', 'async comprehensions are not allowed', ch[i].from);
        i++;
      } else {
        i++;
      }
    }
    return gens;
  }
}

/**
 * `for`/`while` with `else`, as statements the later stages know: a flag set before the loop,
 * cleared by each `break` of this loop (not of loops nested in it), and tested after it. The
 * flag's name cannot be written in source, so it never meets a name of the program.
 */
function loopElse(loop: Stmt & { k: 'for' | 'while' }, orelse: Stmt[], at: number): Stmt[] {
  const flag = `<else@${at}>`;
  const set = (v: boolean, where: number): Stmt => ({
    k: 'assign',
    at: where,
    targets: [{ k: 'name', at: where, id: flag }],
    value: { k: 'const', at: where, v },
  });
  const rewrite = (ss: Stmt[]): Stmt[] =>
    ss.flatMap((s): Stmt[] => {
      if (s.k === 'break') return [set(false, s.at), s];
      if (s.k === 'if') return [{ ...s, body: rewrite(s.body), orelse: rewrite(s.orelse) }];
      return [s];
    });
  return [set(true, at), { ...loop, body: rewrite(loop.body) }, { k: 'if', at, test: { k: 'name', at, id: flag }, body: orelse, orelse: [] }];
}
