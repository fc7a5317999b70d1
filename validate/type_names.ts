// String annotations (`x: "address"`) name an ABI type directly. They are checked here, when
// the source is validated, so a misspelt one (`"adress"`) is a compile error at its place
// rather than a failure of the first call. The grammar is the ABI's (spec/ABI.md §1): the
// same names and forms the ABI codec parses (tests/type_names.test.ts holds the two equal).

const SIMPLE = new Set(['int', 'integer', 'bool', 'boolean', 'bytes', 'bytearray', 'str', 'string', 'address']);
const MAX_DEPTH = 32;

function named(name: string): boolean {
  if (SIMPLE.has(name)) return true;
  let m = /^(u|uint|i|int)([1-9][0-9]{0,2})$/.exec(name);
  if (m) return Number(m[2]) % 8 === 0 && Number(m[2]) <= 256;
  m = /^bytes([1-9][0-9]?)$/.exec(name);
  return m !== null && Number(m[1]) <= 32;
}

/** null when `s` is a valid ABI type name, else why not. */
export function typeNameProblem(s: string): string | null {
  let pos = 0;
  const ws = () => {
    while (s[pos] === ' ' || s[pos] === '\t') pos++;
  };
  const eat = (c: string) => {
    ws();
    if (s[pos] !== c) return false;
    pos++;
    return true;
  };
  class Bad extends Error {}
  const fail = (msg: string): never => {
    throw new Bad(`${msg} at column ${pos + 1}`);
  };
  const known = [...SIMPLE, 'u64', 'bytes32', 'list[T]', 'tuple[T, ...]'].join(', ');
  const type = (d: number): void => {
    if (d > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH}`);
    base(d);
    for (;;) {
      const save = pos;
      if (!eat('[')) return;
      if (!eat(']')) {
        pos = save;
        fail("only '[]' may follow a type");
      }
      if (++d > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH}`);
    }
  };
  const items = (d: number, close: string): void => {
    if (eat(close)) return;
    for (;;) {
      type(d + 1);
      if (eat(close)) return;
      if (!eat(',')) fail(`expected '${close}' or ','`);
      if (eat(close)) return;
    }
  };
  const base = (d: number): void => {
    ws();
    if (s[pos] === '(') {
      pos++;
      return items(d, ')');
    }
    const start = pos;
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(pos));
    if (!m) fail('expected a type name');
    pos += m![0].length;
    const name = m![0] === 'List' ? 'list' : m![0] === 'Tuple' ? 'tuple' : m![0];
    ws();
    if (name === 'list') {
      const open = s[pos];
      if (open === '<' || (open === '[' && s[pos + 1] !== ']')) {
        pos++;
        type(d + 1);
        if (!eat(open === '<' ? '>' : ']')) fail(`expected '${open === '<' ? '>' : ']'}'`);
        return;
      }
      fail('list needs an item type: list[T]');
    }
    if (name === 'tuple') {
      const open = s[pos];
      if (open === '(' || open === '[') {
        pos++;
        return items(d, open === '(' ? ')' : ']');
      }
      fail('tuple needs item types: tuple[T, ...]');
    }
    if (!named(name)) {
      pos = start;
      fail(`unknown type name "${name}" (types: ${known})`);
    }
  };
  try {
    if (s.length > 1024) return 'type name longer than 1024 characters';
    type(0);
    ws();
    if (pos !== s.length) fail('unexpected text after the type');
    return null;
  } catch (e) {
    if (e instanceof Bad) return e.message;
    throw e;
  }
}
