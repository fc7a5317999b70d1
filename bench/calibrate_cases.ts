// The operations `npm run calibrate` times: one case per table entry (opcode, builtin, method,
// stdlib function) with a size-dependent or notable base price. `setup` builds operands of
// size n once (Python lines); `op` is the priced expression repeated r times. Inputs are the
// worst ones known for the entry (a needle that defeats the fast search, keys that must be
// hashed whole), so an entry's ns/gas is its worst, not its typical.
export interface CalCase {
  /** table entry: `opcode ADD`, `builtin sorted`, `method find`, `stdlib hash.sha3_256` */
  entry: string;
  /** what the input is */
  what: string;
  setup: string[];
  op: string;
  sizes: number[];
  /**
   * Fewest repetitions at size n: an operation whose host cost comes in bursts (a table
   * compaction every few thousand removals) is timed over several bursts, so its figure is
   * the amortized cost, not whether the window held one.
   */
  minReps?: (n: number) => number;
}

const S = [64, 4096, 65536];
const c = (entry: string, what: string, setup: string[], op: string, sizes = S, minReps?: (n: number) => number): CalCase => ({
  entry,
  what,
  setup,
  op,
  sizes,
  minReps,
});
const text = (h: string, needle: string) => [`h = ${h}`, `nd = ${needle}`];

export const CASES: CalCase[] = [
  // text search: a haystack of "a" and a needle "a"*k + "b" (the naive search's worst case)
  c('opcode IN', 'needle in bytes', text('b"a" * n', 'b"a" * (n // 8) + b"b"'), 'nd in h'),
  c('opcode IN', 'needle in str', text('"a" * n', '"a" * (n // 8) + "b"'), 'nd in h'),
  c('method find', 'bytes.find', text('b"a" * n', 'b"a" * (n // 8) + b"b"'), 'h.find(nd)'),
  c('method find', 'str.find', text('"a" * n', '"a" * (n // 8) + "b"'), 'h.find(nd)'),
  c('method rfind', 'str.rfind', text('"a" * n', '"b" + "a" * (n // 8)'), 'h.rfind(nd)'),
  c('method count', 'str.count', text('"a" * n', '"a" * (n // 8) + "b"'), 'h.count(nd)'),
  c('method split', 'str.split', text('"a" * n', '"a" * (n // 8) + "b"'), 'h.split(nd)'),
  c('method replace', 'str.replace', text('"a" * n', '"a" * (n // 8) + "b"'), 'h.replace(nd, "c")'),
  c('method partition', 'str.partition', text('"a" * n', '"a" * (n // 8) + "b"'), 'h.partition(nd)'),
  c('method startswith', 'str.startswith', ['h = "a" * n'], 'h.startswith("ab")'),
  c('method strip', 'str.strip', ['h = " " + "a" * n + " "'], 'h.strip()'),
  c('method strip', 'str.strip, all stripped', ['h = "\\u3000" * n'], 'h.strip()'),
  c('method isspace', 'str.isspace, non-ASCII', ['h = "\\u3000" * n'], 'h.isspace()'),
  c('method isascii', 'str.isascii, astral', ['h = "\\U0001F600" * (n // 2)'], 'h.isascii()'),
  c('method upper', 'str.upper', ['h = "a" * n'], 'h.upper()'),
  c('method join', 'str.join', ['xs = ["ab"] * (n // 2 + 1)'], '",".join(xs)'),
  c('method encode', 'str.encode', ['h = "a" * n'], 'h.encode()'),
  c('method decode', 'bytes.decode', ['h = b"a" * n'], 'h.decode()'),
  c('builtin str', 'str(bytes), escaped', ['h = b"\\x00" * n'], 'str(h)'),
  c('builtin repr', 'repr(str), non-ASCII', ['h = "\\u00e9\\n" * (n // 2)'], 'repr(h)'),
  c('builtin repr', 'repr(list of strs)', ['h = ["ab"] * (n // 8)'], 'repr(h)'),
  c('builtin format', 'f-string of a str', ['h = "a" * n'], 'f"{h}!"'),
  c('opcode MOD', 'str % str', ['h = "a" * n'], '"%s!" % h'),
  c('opcode MOD', 'long literal format', ['h = "a" * n'], 'h % ()'),
  c('method hex', 'bytes.hex', ['h = b"\\x01" * n'], 'h.hex()'),
  c('builtin bytes.fromhex', 'bytes.fromhex', ['h = "ab" * n'], 'bytes.fromhex(h)'),
  c('method isdigit', 'str.isdigit', ['h = "1" * n'], 'h.isdigit()'),
  c('method isalnum', 'str.isalnum', ['h = "\u00e9" * n'], 'h.isalnum()'),
  c('method isascii', 'str.isascii', ['h = "a" * n'], 'h.isascii()'),
  c('method islower', 'str.islower', ['h = "a" * n'], 'h.islower()'),
  c('method isdigit', 'bytes.isdigit', ['h = b"1" * n'], 'h.isdigit()'),
  c('method lower', 'str.lower', ['h = "A" * n'], 'h.lower()'),
  c('method lower', 'str.lower, non-ASCII', ['h = "\u00c9" * n'], 'h.lower()'),
  c('method upper', 'str.upper, non-ASCII', ['h = "\u00e9" * n'], 'h.upper()'),
  c('method islower', 'str.islower, non-ASCII', ['h = "\u00e9" * n'], 'h.islower()'),
  c('method isupper', 'str.isupper, CJK', ['h = "\u4e00" * n'], 'h.isupper()'),
  c('method isalpha', 'str.isalpha, astral', ['h = "\\U0001D400" * (n // 2)'], 'h.isalpha()'),
  c('method isspace', 'bytes.isspace', ['h = b" " * n'], 'h.isspace()'),
  c('method lstrip', 'str.lstrip, all stripped', ['h = " " * n + "a"'], 'h.lstrip()'),
  c('method rstrip', 'bytes.rstrip, all stripped', ['h = b"a" + b" " * n'], 'h.rstrip()'),
  c('method split', 'str.split() on whitespace', ['h = "a " * (n // 2)'], 'h.split()'),
  c('method count', 'list.count deep', ['x = [1, 2, [3, 4]]', 'xs = [[1, 2, [3, 5]]] * n'], 'xs.count(x)', [16, 1024, 16384]),
  c('opcode LT', 'bytes < bytes', ['a = b"a" * n', 'b = b"a" * n + b"b"'], 'a < b'),
  c('opcode MUL', 'str * k', ['a = "ab"'], 'a * n'),
  c('opcode MUL', 'list * k', ['a = [1, 2]'], 'a * (n // 4)'),
  // copies, concatenation, slicing, equality of text
  c('opcode ADD', 'bytes + bytes', ['a = b"a" * n', 'b = b"cd"'], 'a + b', [1, 64, 4096, 65536]),
  c('opcode ADD', 'str + str', ['a = "a" * n', 'b = "cd"'], 'a + b', [1, 64, 4096, 65536]),
  c('opcode ADD', 'list + list', ['a = [1] * n', 'b = [2]'], 'a + b', [16, 1024, 16384]),
  c('opcode MUL', 'bytes * k', ['a = b"ab"'], 'a * n'),
  c('opcode EQ', 'bytes == bytes', ['a = b"a" * n', 'b = b"a" * n'], 'a == b'),
  c('opcode EQ', 'nested list ==', ['a = [[1, 2, 3]] * n', 'b = [[1, 2, 3]] * n'], 'a == b', [16, 1024, 16384]),
  c('opcode LT', 'str < str', ['a = "a" * n', 'b = "a" * n + "b"'], 'a < b'),
  c('opcode SLICE', 'str slice', ['h = "a" * n'], 'h[1:n - 1]'),
  c('opcode SLICE', 'list slice', ['h = [1] * n'], 'h[1:n - 1]'),
  c('opcode SUBSCR', 'astral str index', ['h = "a" * n + "\\U0001F600"'], 'h[n]'),
  c('builtin len', 'len of astral str', ['h = "a" * n + "\\U0001F600"'], 'len(h)'),
  // 16 distinct strs used in turn: the position cache (8 strs) misses on every use
  c('builtin len', 'len of astral strs, uncached', ['hs = [chr(0x1F600 + j) + "a" * n for j in range(16)]'], 'len(hs[_i % 16])', [16, 64, 4096, 65536]),
  c('opcode SUBSCR', 'astral str index, uncached', ['hs = [chr(0x1F600 + j) + "a" * n for j in range(16)]'], 'hs[_i % 16][n]', [16, 64, 4096, 65536]),
  // dict keys
  c('opcode SUBSCR', 'd[k], long bytes key', ['k = b"\\x01" * n', 'k2 = b"\\x01" * n', 'd = {k: 1}'], 'd[k2]'),
  c('opcode SUBSCR', 'd[k], long str key', ['k = "a" * n', 'k2 = "a" * n', 'd = {k: 1}'], 'd[k2]'),
  c('opcode SUBSCR', 'd[t], long tuple key', ['k = tuple(range(n))', 'k2 = tuple(range(n))', 'd = {k: 1}'], 'd[k2]', [16, 1024, 16384]),
  c('opcode SUBSCR', 'd[k], big-int key', ['k = 7 ** (n // 16 + 20)', 'd = {k: 1}'], 'd[k]', [64, 1024, 8192]),
  c('opcode SUBSCR', 'd[k], 32-byte key', ['k = b"\\x01" * 32', 'd = {k: 1}'], 'd[k]', [1]),
  // containers
  c('builtin sorted', 'sorted ints', ['xs = list(range(n, 0, -1))'], 'sorted(xs)', [16, 1024, 16384]),
  c('builtin sorted', 'sorted shuffled ints', ['xs = [(i * 7919) % n for i in range(n)]'], 'sorted(xs)', [16, 1024, 16384]),
  c('method index', 'list.index deep', ['x = [1, 2, [3, 4]]', 'xs = [[1, 2, [3, 5]]] * n + [x]'], 'xs.index(x)', [16, 1024, 16384]),
  c('builtin list', 'list(range)', [], 'list(range(n))', [16, 1024, 16384]),
  c('builtin tuple', 'tuple(list)', ['xs = [1] * n'], 'tuple(xs)', [16, 1024, 16384]),
  c('builtin enumerate', 'enumerate(list)', ['xs = [1] * n'], 'enumerate(xs)', [16, 1024, 16384]),
  c('builtin zip', 'zip(list, list)', ['xs = [1] * n'], 'zip(xs, xs)', [16, 1024, 16384]),
  c('builtin zip', 'zip(list)', ['xs = [1] * n'], 'zip(xs)', [16, 1024, 16384]),
  c('builtin zip', 'zip(astral str)', ['h = "\\U0001F600" * n'], 'zip(h)', [16, 1024, 16384]),
  c('method update', 'dict.update(dict)', ['e = dict([(i, i) for i in range(n)])'], '{}.update(e)', [16, 1024, 16384]),
  c('method copy', 'dict.copy', ['e = dict([(i, i) for i in range(n)])'], 'e.copy()', [16, 1024, 16384]),
  c('builtin dict', 'dict(pairs)', ['xs = [(i, i) for i in range(n)]'], 'dict(xs)', [16, 1024, 16384]),
  c('builtin sum', 'sum(list)', ['xs = list(range(n))'], 'sum(xs)', [16, 1024, 16384]),
  c('builtin max', 'max(list)', ['xs = list(range(n))'], 'max(xs)', [16, 1024, 16384]),
  c('method copy', 'list.copy', ['xs = [1] * n'], 'xs.copy()', [16, 1024, 16384]),
  // shapes an attacker used (bench/adversarial_cli.mjs runs them through the CLI)
  c('method copy', 'dict.copy, tuple keys', ['e = {(i, i): i for i in range(n)}'], 'e.copy()', [16, 1024, 16384]),
  c('method replace', 'str.replace("", sep)', ['h = "ab" * (n // 2)'], 'h.replace("", "-")'),
  c('method decode', 'bytes.decode, backslashreplace', ['h = b"\\xe0\\x80" * (n // 2)'], 'h.decode("utf-8", "backslashreplace")'),
  c('builtin repr', 'repr(list of 4-byte bytes)', ['h = [b"\\x00\\x01ab"] * (n // 16)'], 'repr(h)'),
  c('builtin repr', 'repr(str), control chars', ['h = "\\x01\\n\'\\"\\\\" * (n // 5)'], 'repr(h)'),
  c(
    'method remove',
    'list.remove of a 64-byte bytes',
    ['x = b"k" * 63 + b"z"', 'xs = [b"k" * 64] * n + [x]'],
    'xs.remove(x) or xs.append(x)',
    [16, 1024, 16384],
  ),
  c('opcode EQ', 'keys view ==', ['d = {i: i for i in range(n)}', 'e = {i: 0 for i in range(n - 1, -1, -1)}'], 'd.keys() == e.keys()', [16, 1024, 16384]),
  c('opcode EQ', 'dict == dict', ['d = {i: i for i in range(n)}', 'e = {i: i for i in range(n - 1, -1, -1)}'], 'd == e', [16, 1024, 16384]),
  c('opcode EQ', 'nested one-item lists ==', ['a = [1]', 'b = [1]', 'for _j in range(n):', '    a = [a]', '    b = [b]'], 'a == b', [16, 128, 254]),
  c(
    'method pop',
    'dict.pop + reinsert (churn)',
    ['d = {str(j): j for j in range(n)}', 'ks = list(d.keys())'],
    'd.setdefault(ks[_i % n], d.pop(ks[_i % n]))',
    [16, 1024, 8192],
    // the host's table compacts once per up to n removals: time at least 4 of them
    (n) => 4 * n,
  ),
  c('method items', 'dict.items', ['d = dict([(i, i) for i in range(n)])'], 'd.items()', [16, 1024, 16384]),
  c('opcode ITER_INIT', 'for over dict', ['d = dict([(i, i) for i in range(n)])'], 'len([1 for k in d])', [16, 1024, 16384]),
  // big ints and conversions
  c('opcode MUL', 'big-int multiply', ['a = 7 ** (n // 8 + 100)'], 'a * a', [64, 1024, 4096]),
  c('opcode ADD', 'big-int add', ['a = 7 ** (n // 8 + 100)'], 'a + a', [64, 1024, 8192]),
  c('opcode FLOORDIV', 'big-int divide', ['a = 7 ** (n // 4 + 100)', 'b = 3 ** (n // 8 + 50)'], 'a // b', [64, 1024, 4096]),
  c('builtin str', 'str(big int)', ['a = 7 ** (n // 8 + 10)'], 'str(a)', [64, 1024, 8192]),
  c('builtin int', 'int(decimal str)', ['t = "1" * (n // 8 + 10)'], 'int(t)', [64, 1024, 8192]),
  c('builtin hex', 'hex(big int)', ['a = 7 ** (n // 8 + 10)'], 'hex(a)', [64, 1024, 8192]),
  c('method to_bytes', 'int.to_bytes(32), 252-bit int', ['a = 7 ** 90 + n'], 'a.to_bytes(32, "big")', [1]),
  c('builtin int.from_bytes', 'int.from_bytes(32 bytes)', ['b = b"\\x87" * 32'], 'int.from_bytes(b, "big")', [1]),
  c('opcode SUBSCR', 'd[k], int key past 2^32', ['k = 2 ** 40 + n', 'd = {k: 1}'], 'd[k]', [1]),
  c('builtin hex', 'hex(int past 2^32)', ['a = 2 ** 40 + n'], 'hex(a)', [1]),
  c('builtin list', 'list(astral str)', ['h = "\\U0001F600" * n'], 'list(h)', [64, 4096, 65536]),
  c('opcode ITER_INIT', 'for over CJK str', ['h = "\\u4e00" * n'], 'len([1 for c in h])', [64, 4096, 65536]),
  c('method to_bytes', 'int.to_bytes', ['a = 7 ** (n // 3 + 1)'], 'a.to_bytes(n // 8 + 32, "big")', [64, 1024, 4096]),
  c('builtin int.from_bytes', 'int.from_bytes', ['b = b"\\x07" * (n // 16 + 32)'], 'int.from_bytes(b, "big")', [64, 1024, 4096]),
  c('builtin pow', 'pow(a, b, m)', ['a = 7 ** (n // 8 + 30)', 'b = 11 ** (n // 12 + 20)', 'm = 13 ** (n // 8 + 20)'], 'pow(a, b, m)', [64, 512, 2048]),
  // stdlib
  c('stdlib hash.sha3_256', 'sha3_256', ['b = b"\\x01" * n'], 'hash.sha3_256(b)'),
  c('stdlib hash.sha3_512', 'sha3_512', ['b = b"\\x01" * n'], 'hash.sha3_512(b)'),
  c('stdlib hash.keccak256', 'keccak256', ['b = b"\\x01" * n'], 'hash.keccak256(b)'),
  c('stdlib hash.blake3', 'blake3', ['b = b"\\x01" * n'], 'hash.blake3(b)'),
  c('stdlib abi.encode', 'abi.encode(int[])', ['xs = list(range(n))'], 'abi.encode(("int[]",), [xs])', [16, 1024, 16384]),
  c('stdlib abi.encode', 'abi.encode(bytes)', ['b = b"\\x01" * n'], 'abi.encode(("bytes",), [b])'),
  c(
    'stdlib abi.decode',
    'abi.decode(bytes[] of 1-byte items)',
    ['e = abi.encode(("bytes[]",), [[b"\\x01"] * n])'],
    'abi.decode(("bytes[]",), e)',
    [16, 1024, 16384],
  ),
  c('stdlib abi.decode', 'abi.decode(int[])', ['e = abi.encode(("int[]",), [list(range(n))])'], 'abi.decode(("int[]",), e)', [16, 1024, 16384]),
  c('stdlib events.emit', 'events.emit(bytes)', ['b = b"\\x01" * n'], 'events.emit(b"E", {"d": b})', [64, 4096, 60000]),
  c('stdlib events.emit', 'events.emit(n small-int args)', ['f = {"a" + str(j): j for j in range(n)}'], 'events.emit(b"E", f)', [1, 4, 16]),
  c(
    'stdlib events.emit',
    'events.emit(16 big-int args)',
    ['f = {"a" + str(j): 7 ** (n * 5 // 14) + j for j in range(16)}'],
    'events.emit(b"E", f)',
    [256, 1024, 4000],
  ),
  c('stdlib storage.set', 'storage.set', ['v = b"\\x01" * n'], 'storage.set(b"k", v)', [32, 1024, 16384]),
  c('stdlib storage.get', 'storage.get', ['storage.set(b"k", b"\\x01" * n)'], 'storage.get(b"k")', [32, 1024, 16384]),
  c('stdlib random.bytes', 'random.bytes', [], 'random.bytes(n)', [32, 1024, 4096]),
];
