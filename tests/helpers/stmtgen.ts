// Random statement programs (assignments, augmented assignment, if/elif/else, for over
// range/lists/enumerate, bounded while, break/continue, list mutation) built from the typed
// expression arbitraries, for differential fuzzing of the lowering against CPython.
import fc from 'fast-check';
import { ARGS_ARB, exprArbitraries } from './exprgen.js';

type Gen = { int: () => string; bool: () => string };

function stmts(rnd: () => number, g: Gen, depth: number, inLoop: boolean, indent: string, n: number): string[] {
  const out: string[] = [];
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  for (let k = 0; k < n; k++) {
    const choices = ['assign', 'aug', 'append', 'store', 'pop', 'unpack', 'alias', 'kwcall', 'text', 'slice', 'mapfilter', 'text2'];
    if (depth > 0) choices.push('if', 'for', 'forlist', 'while', 'mutloop', 'dictloop', 'loopelse', 'maploop', 'revdict');
    if (inLoop) choices.push('break', 'continue');
    const c = pick(choices);
    const v = pick(['a', 'b']);
    switch (c) {
      case 'assign':
        out.push(`${indent}${v} = ${g.int()}`);
        break;
      case 'aug':
        out.push(`${indent}${v} ${pick(['+=', '-=', '*=', '//=', '%=', '^=', '|=', '&='])} ${g.int()}`);
        break;
      case 'append':
        // inside a loop over xs an unguarded append never ends (CPython would only hit the
        // oracle's time limit): bounded there
        if (inLoop) out.push(`${indent}if len(xs) < 12:`, `${indent}    xs.append(${g.int()})`);
        else out.push(`${indent}xs.append(${g.int()})`);
        break;
      case 'store':
        out.push(`${indent}xs[${g.int()}] ${pick(['=', '+='])} ${g.int()}`);
        break;
      case 'pop':
        out.push(`${indent}if xs:`, `${indent}    ${v} = xs.pop(${pick(['', '0', '-1'])})`);
        break;
      case 'unpack':
        out.push(`${indent}a, b = ${pick(['b, a', `${g.int()}, a`, 'divmod(a, 3)'])}`);
        break;
      case 'if': {
        out.push(`${indent}if ${g.bool()}:`, ...stmts(rnd, g, depth - 1, inLoop, indent + '    ', 2));
        if (rnd() < 0.5) out.push(`${indent}elif ${g.bool()}:`, ...stmts(rnd, g, depth - 1, inLoop, indent + '    ', 1));
        if (rnd() < 0.5) out.push(`${indent}else:`, ...stmts(rnd, g, depth - 1, inLoop, indent + '    ', 1));
        break;
      }
      case 'for': {
        const i = `i${depth}`;
        out.push(
          `${indent}for ${i} in range(${pick(['0', '1', '3', 'min(len(xs), 4)', '2, 5', '4, 0, -1'])}):`,
          `${indent}    b += ${i}`,
          ...stmts(rnd, g, depth - 1, true, indent + '    ', 2),
        );
        break;
      }
      case 'forlist': {
        const i = `e${depth}`;
        out.push(
          `${indent}for j${depth}, ${i} in enumerate(list(xs[:4])):`,
          `${indent}    a ^= ${i} + j${depth}`,
          ...stmts(rnd, g, depth - 1, true, indent + '    ', 2),
        );
        break;
      }
      case 'while': {
        const w = `w${depth}`;
        out.push(
          `${indent}${w} = 0`,
          `${indent}while ${w} < 3 and ${g.bool()}:`,
          `${indent}    ${w} += 1`,
          ...stmts(rnd, g, depth - 1, true, indent + '    ', 2),
        );
        break;
      }
      case 'alias': {
        // a second name for the list: every mutation through it must show in xs
        const m = pick([
          'ys += [INT]',
          'if len(ys) < 6:\n    ys *= 2',
          'ys.append(INT)',
          'ys.sort(reverse=True)',
          'ys.reverse()',
          'ys.sort(key=lambda v: v % 3)',
          'if b in ys:\n    ys.remove(b)',
          'ys.extend([INT, INT])',
        ]);
        const grows = /\+=|append|extend/.test(m) && inLoop;
        out.push(
          `${indent}ys = xs`,
          ...(grows ? `if len(ys) < 12:\n${m.replace(/^/gm, '    ')}` : m)
            .replace(/INT/g, () => g.int())
            .split('\n')
            .map((l) => indent + l),
        );
        break;
      }
      case 'kwcall':
        // keyword arguments with effects, out of parameter order: evaluated as written
        out.push(
          `${indent}${v} = _kw(${pick(['r=_log(xs, INT), p=_log(xs, INT), q=INT', 'INT, r=_log(xs, INT), q=_log(xs, INT)', 'q=_log(xs, INT), p=INT'])})`.replace(
            /INT/g,
            () => g.int(),
          ),
        );
        break;
      case 'text':
        out.push(
          `${indent}t ${pick(['=', '+='])} ${pick(['f"{a:>6}|{s!r}|{b:x}"', '"%s/%d" % (s, a)', 's.upper().replace("A", "-")', '",".join(str(v) for v in xs)', '(s.split()[0] if s.split() else "")', 'f"{len(xs):03d}{s[:2]:*<3}"', 's.lower().rstrip()'])}`,
        );
        break;
      case 'mutloop': {
        const e = `e${depth}`;
        const head = pick([
          `for j${depth}, ${e} in enumerate(xs):`,
          `for ${e}, j${depth} in zip(xs, xs[1:]):`,
          `for ${e} in reversed(xs):`,
          `for ${e} in xs:`,
          `for ${e}, j${depth} in zip(xs, reversed(xs)):`,
          `for j${depth}, ${e} in enumerate(reversed(xs)):`,
        ]);
        const mut = pick([
          `if len(xs) < 9:\n    xs.append(${e} + 1)`,
          `if len(xs) < 9:\n    xs.insert(0, ${e})`,
          `if xs and ${e} % 2:\n    xs.pop()`,
          `if xs:\n    xs[0] = ${e}`,
        ]);
        out.push(
          `${indent}${head}`,
          `${indent}    a += ${e}`,
          ...mut.split('\n').map((l) => `${indent}    ${l}`),
          ...stmts(rnd, g, depth - 1, true, indent + '    ', 1),
        );
        break;
      }
      case 'dictloop': {
        // iterating a dict is live: a size change raises RuntimeError at the next step, keys
        // deleted and added (same size) are seen, and CPython's table compaction on insert
        // decides where such a loop ends; views kept in a variable see every change
        const k = `k${depth}`;
        const head = pick([
          `for ${k} in d:`,
          `for ${k} in d.keys():`,
          `for ${k} in list(d):`,
          `for ${k}, v${depth} in d.items():`,
          `for v${depth} in d.values():\n    ${k} = v${depth}`,
          `for j${depth}, ${k} in enumerate(d):`,
        ]);
        const body = pick([
          `d[${pick([k, `${k} + 1`, `${k} * 0`])}] = a`,
          `del d[${k}]\nd[${k} + ${pick(['100', 'len(xs)', '7'])}] = a`,
          `d.pop(${k}, None)\nd[${k} * 2 + 1] = a`,
          `if ${k} in d:\n    d.pop(${k})`,
          `d.setdefault(${k} + 1, a)`,
          `d.update({${k} - 1: a})`,
          `if len(d) > 1:\n    d.popitem()\n    d[${k} + 50] = a`,
          `d[${k} + 1] = a\nbreak`,
          `a += len(d) + len(view)`,
        ]);
        out.push(
          `${indent}d = ${pick(['dict(zip(xs, range(len(xs))))', '{}', '{1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6}', 'dict(zip(range(len(xs) + 5), xs))'])}`,
          `${indent}${pick(['d[0] = b', 'd.pop(0, None)', 'd = d.copy()', 'pass'])}`,
          `${indent}view = d.${pick(['keys', 'values', 'items'])}()`,
          ...head.split('\n').map((l) => `${indent}${l}`),
          ...body.split('\n').map((l) => `${indent}    ${l}`),
          `${indent}b += len(d) + len(view)`,
          `${indent}xs.append(${pick(['len(view)', 'a in view', 'len(list(view))', 'sum(1 for _ in view)', 'sorted(d)[0] if d else 0'])})`,
        );
        break;
      }
      case 'slice': {
        // slices with a step: CPython's index arithmetic on str, bytes and lists (a step of 0 is ValueError)
        const part = (): string => (rnd() < 0.4 ? '' : pick(['a', 'b', '-1', '2', '-3', '7', 'len(xs)', '(a % 5) - 2']));
        const step = pick(['-1', '2', '-2', '3', '-3', '1', 'b % 4 - 2', 'a or 1', '10']);
        const sl = `[${part()}:${part()}:${step}]`;
        out.push(`${indent}${pick([`t += s${sl}`, `xs = xs${sl}`, `t += str(list(bs${sl}))`, `ys = xs${sl}\n${indent}ys.append(a)`, `a += len(xs${sl})`])}`);
        break;
      }
      case 'mapfilter':
        out.push(
          `${indent}${pick([
            `xs = list(map(lambda v: v + ${g.int()}, xs))[:8]`,
            `a = sum(map(abs, xs))`,
            `xs = list(filter(lambda v: v % 3 != ${pick(['0', '1'])}, xs))`,
            `a = next((v for v in xs if v > ${g.int()}), -1)`,
            `b = next(filter(None, xs), ${g.int()})`,
            `t += ",".join(map(str, xs))`,
            `a, b = map(_double, (a, b))`,
            `xs = sorted(map(lambda v, w: v - w, xs, xs[1:]))`,
            `a = max(map(lambda v: v % 7, xs), default=${g.int()})`,
            `b = next(iter(xs), b)`,
          ])}`,
        );
        break;
      case 'text2':
        out.push(
          `${indent}t ${pick(['=', '+='])} ${pick([
            's.title()',
            's.capitalize() + s.swapcase()',
            's.casefold()',
            '"{}|{:>5}|{!r}".format(a, s, b)',
            '"{x}-{y:+d}".format(y=a, x=s)',
            'str(s.splitlines())',
            'bin(a) + oct(b)',
            'str(round(a, -1)) + str(round(b, -2))',
            'str(s.istitle())',
          ])}`,
        );
        break;
      case 'loopelse': {
        // for/while with else: the else runs when no break left the loop
        const e = `e${depth}`;
        out.push(
          `${indent}${pick([`for ${e} in xs[:5]:`, `for ${e} in range(${pick(['0', '3', 'len(xs)'])}):`])}`,
          `${indent}    if ${g.bool()}:`,
          `${indent}        break`,
          ...stmts(rnd, g, depth - 1, true, indent + '    ', 1),
          `${indent}else:`,
          `${indent}    a += 1000`,
          `${indent}w${depth} = 0`,
          `${indent}while w${depth} < 3:`,
          `${indent}    w${depth} += 1`,
          `${indent}    if ${g.bool()}:`,
          `${indent}        break`,
          `${indent}else:`,
          `${indent}    b -= 1000`,
        );
        break;
      }
      case 'maploop': {
        // a for over map()/filter() is lazy and live: appends by the body are seen
        const e = `e${depth}`;
        out.push(
          `${indent}for ${e} in ${pick(['map(lambda v: v * 2, xs)', 'filter(lambda v: v % 2, xs)', 'map(_double, xs)', 'filter(None, xs)', 'map(lambda v, w: v + w, xs, reversed(xs))'])}:`,
          `${indent}    a += ${e}`,
          `${indent}    if len(xs) < 9:`,
          `${indent}        xs.append(${e} % 5)`,
          ...stmts(rnd, g, depth - 1, true, indent + '    ', 1),
        );
        break;
      }
      case 'revdict': {
        // reversed(d) is CPython's reverse dict iterator: size changes raise, deleted keys are
        // skipped, added ones never seen; the literal's layout is CPython's (repeated keys, 16+ items)
        const k = `k${depth}`;
        const lit = pick([
          '{1: 1, 2: 2, 1: 3, 3: 3, 2: 5, 4: 4}',
          `{${Array.from({ length: 17 }, (_, i) => `${i}: ${i}`).join(', ')}}`,
          `{${Array.from({ length: 20 }, (_, i) => `${i % 13}: ${i}`).join(', ')}}`,
          'dict(zip(xs, range(len(xs))))',
        ]);
        out.push(
          `${indent}d = ${lit}`,
          `${indent}${pick([`for ${k} in reversed(d):`, `for ${k} in reversed(d.keys()):`, `for ${k}, v${depth} in reversed(d.items()):`, `for ${k} in d:`])}`,
          ...pick([
            `a += ${k}`,
            `if ${k} in d:\n    del d[${k}]\nd[${k} + 100] = a`,
            `d[${k}] = a`,
            `d[${k} + 1] = a`,
            `if len(d) > 2:\n    d.pop(${k}, None)\nbreak`,
            `del d[${k}]\nfor i in range(${pick(['3', '9'])}):\n    d[-1 - i] = i\n    del d[-1 - i]\nd[${k} + 50] = 0`,
          ])
            .split('\n')
            .map((l) => `${indent}    ${l}`),
          `${indent}xs.append(len(d))`,
        );
        break;
      }
      case 'break':
      case 'continue':
        out.push(`${indent}if ${g.bool()}:`, `${indent}    ${c}`);
        break;
    }
  }
  return out;
}

/** Expressions that mostly succeed, so that most statement programs run to the end. */
function simpleGen(rnd: () => number): Gen {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const int = (d: number): string => {
    const leaf = (): string => pick(['a', 'b', 'len(xs)', String(Math.floor(rnd() * 26) - 5), 'sum(xs)', '(xs[0] if xs else 7)']);
    if (d <= 0 || rnd() < 0.3) return leaf();
    switch (pick(['bin', 'bin', 'div', 'call', 'if'])) {
      case 'bin':
        return `(${int(d - 1)} ${pick(['+', '-', '*', '&', '|', '^'])} ${int(d - 1)})`;
      case 'div':
        return `(${int(d - 1)} ${pick(['//', '%'])} ${pick(['1', '2', '3', '7', '-3'])})`;
      case 'call':
        return pick([`abs(${int(d - 1)})`, `min(${int(d - 1)}, ${int(d - 1)})`, `max(${int(d - 1)}, ${int(d - 1)}, 0)`, `(${int(d - 1)} >> 2)`]);
      default:
        return `(${int(d - 1)} if ${bool(d - 1)} else ${int(d - 1)})`;
    }
  };
  const bool = (d: number): string => {
    const cmp = (): string => `${int(d - 1)} ${pick(['<', '<=', '>', '>=', '==', '!='])} ${int(d - 1)}`;
    if (d <= 0) return pick(['True', 'False', 'a > b', 'not xs', 'b in xs']);
    switch (pick(['cmp', 'cmp', 'in', 'not', 'andor', 'andnot'])) {
      case 'cmp':
        return cmp();
      case 'andnot':
        // `not` inside an and/or chain: Python's precedence, not the parser's nesting
        return pick([`${cmp()} and not ${cmp()} or ${cmp()}`, `not ${cmp()} or ${cmp()} and ${cmp()}`, `${cmp()} or not ${cmp()} and not ${cmp()}`]);
      case 'in':
        return `${int(d - 1)} ${pick(['in', 'not in'])} xs`;
      case 'not':
        return `not ${cmp()} ${pick(['and', 'or'])} ${cmp()}`;
      default:
        return `${cmp()} ${pick(['and', 'or'])} ${cmp()}`;
    }
  };
  return { int: () => int(2), bool: () => bool(2) };
}

/** `n` generated functions with three argument sets each; half use the full expression
 * grammar (mostly failing somewhere), half simple expressions (mostly running through). */
export function generateStmtProgram(seed: number, n: number): string {
  const arbs = exprArbitraries(2);
  const out: string[] = [
    '"""generated by tests/helpers/stmtgen.ts"""',
    '',
    'def _log(log, v):',
    '    log.append(v)',
    '    return v',
    '',
    'def _kw(p, q, r=0):',
    '    return p * 100 + q * 10 + r',
    '',
    'def _double(v):',
    '    return v * 2',
    '',
  ];
  for (let f = 0; f < n; f++) {
    let state = (seed * 7919 + f * 104729) >>> 0 || 1;
    const rnd = (): number => {
      // xorshift32: a deterministic stream per function, independent of fast-check's
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      return state / 4294967296;
    };
    let k = 0;
    const sample = (a: fc.Arbitrary<string>): string => fc.sample(a, { seed: seed + f * 31 + k++ * 1009, numRuns: 1 })[0];
    const g: Gen = f % 2 === 0 ? { int: () => sample(arbs.int), bool: () => sample(arbs.bool) } : simpleGen(rnd);
    const args = fc.sample(ARGS_ARB, { seed: seed + 104729 * (f + 1), numRuns: 3 });
    out.push(`# args: ${args.join(' | ')}`);
    out.push(`def _s${f}(a, b, bs, s, xs):`, '    t = ""');
    out.push(...stmts(rnd, g, 2, false, '    ', 4));
    out.push('    return (a, b, xs, t)', '');
  }
  return out.join('\n');
}
