// The contract AST: the subset of Python that survives parsing. Built from the lezer tree by
// validate/parse.ts; every node carries its source offset so diagnostics and the compiler's
// debug section can point at file:line:col.

export type BinOp = '+' | '-' | '*' | '//' | '%' | '**' | '<<' | '>>' | '&' | '|' | '^';
export type CmpOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'is' | 'is not';
export type UnaryOp = '-' | '+' | '~' | 'not';

export type Expr =
  | { k: 'int'; at: number; v: bigint }
  | { k: 'bytes'; at: number; v: Uint8Array }
  | { k: 'str'; at: number; v: string }
  | { k: 'const'; at: number; v: boolean | null }
  | { k: 'name'; at: number; id: string }
  | { k: 'attr'; at: number; obj: Expr; attr: string }
  | { k: 'call'; at: number; fn: Expr; args: Expr[]; kw: Keyword[] }
  | { k: 'bin'; at: number; op: BinOp; l: Expr; r: Expr }
  | { k: 'unary'; at: number; op: UnaryOp; e: Expr }
  | { k: 'boolop'; at: number; op: 'and' | 'or'; l: Expr; r: Expr; paren?: boolean }
  | { k: 'cmp'; at: number; ops: CmpOp[]; operands: Expr[] }
  | { k: 'ifexp'; at: number; test: Expr; body: Expr; orelse: Expr }
  | { k: 'index'; at: number; obj: Expr; index: Expr }
  | { k: 'slice'; at: number; obj: Expr; lo: Expr | null; hi: Expr | null; step: Expr | null }
  | { k: 'list'; at: number; elts: Expr[] }
  | { k: 'tuple'; at: number; elts: Expr[] }
  | { k: 'dict'; at: number; keys: Expr[]; values: Expr[] }
  | { k: 'listcomp'; at: number; elt: Expr; gens: Comprehension[] }
  /** generator expression; allowed only as the sole argument of the builtins that consume one */
  | { k: 'genexp'; at: number; elt: Expr; gens: Comprehension[] }
  | { k: 'dictcomp'; at: number; key: Expr; value: Expr; gens: Comprehension[] }
  /** lambda; allowed only as the key= argument of sorted/min/max/list.sort */
  | { k: 'lambda'; at: number; params: string[]; body: Expr }
  /** `*name` in an assignment or for target list (`first, *rest = xs`); nowhere else */
  | { k: 'starred'; at: number; e: Expr }
  /** f-string: literal parts and replacement fields, in order */
  | { k: 'fstring'; at: number; parts: FPart[] };

export type FPart = string | { at: number; e: Expr; conv: 's' | 'r' | null; spec: FPart[] };

export interface Keyword {
  at: number;
  name: string;
  value: Expr;
}

export interface Comprehension {
  target: Expr; // name or tuple of names
  iter: Expr;
  ifs: Expr[];
}

export type Stmt =
  | { k: 'expr'; at: number; e: Expr }
  | { k: 'assign'; at: number; targets: Expr[]; value: Expr }
  | { k: 'augassign'; at: number; target: Expr; op: BinOp; value: Expr }
  | { k: 'annassign'; at: number; target: Expr; value: Expr | null }
  | { k: 'if'; at: number; test: Expr; body: Stmt[]; orelse: Stmt[] }
  | { k: 'while'; at: number; test: Expr; body: Stmt[] }
  | { k: 'for'; at: number; target: Expr; iter: Expr; body: Stmt[] }
  | { k: 'break'; at: number }
  | { k: 'continue'; at: number }
  | { k: 'pass'; at: number }
  | { k: 'return'; at: number; value: Expr | null }
  | { k: 'assert'; at: number; test: Expr; msg: Expr | null }
  | { k: 'del'; at: number; targets: Expr[] };

export interface Param {
  at: number;
  name: string;
  annotation: Expr | null;
  default: Expr | null;
  kwOnly: boolean;
}

export interface FunctionDef {
  at: number;
  name: string;
  params: Param[];
  returns: Expr | null;
  body: Stmt[];
}

/** `from stdlib import storage as s` -> {local: 's', path: ['storage']}. */
export interface ImportBinding {
  at: number;
  local: string;
  /** Path below `stdlib`: [] for `import stdlib`, ['storage'], ['abi', 'require'], ... */
  path: string[];
}

export interface ConstDef {
  at: number;
  name: string;
  value: Expr;
}

export interface Module {
  imports: ImportBinding[];
  /** Names bound by no-op imports (`typing`, `__future__`): allowed only in annotations. */
  typingNames: Set<string>;
  consts: ConstDef[];
  funcs: FunctionDef[];
}
