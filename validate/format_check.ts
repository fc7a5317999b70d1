// Compile-time checks of literal format strings: a conversion that could only fail at run
// time (a float presentation type, an unknown conversion) is a compile error instead, so a
// contract never compiles into a program that can only fail.

/** The problem with a literal printf-style format, or null. */
export function percentProblem(fmt: string): string | null {
  let i = 0;
  while (i < fmt.length) {
    if (fmt[i++] !== '%') continue;
    if (fmt[i] === '(') {
      const j = fmt.indexOf(')', i);
      if (j < 0) return 'incomplete format key';
      i = j + 1;
    }
    while (i < fmt.length && '-+ #0'.includes(fmt[i])) i++;
    while (i < fmt.length && (fmt[i] === '*' || (fmt[i] >= '0' && fmt[i] <= '9'))) i++;
    if (fmt[i] === '.') {
      i++;
      while (i < fmt.length && (fmt[i] === '*' || (fmt[i] >= '0' && fmt[i] <= '9'))) i++;
    }
    while (i < fmt.length && 'hlL'.includes(fmt[i])) i++;
    if (i >= fmt.length) return 'incomplete format (a lone % at the end; write %% for a percent sign)';
    const t = fmt[i++];
    if ('eEfFgG'.includes(t)) return `%${t} formats a float; contracts have no floats (use %d)`;
    if (t === 'a') return '%a is not supported; use %r';
    if (!'diuoxXcsr%'.includes(t)) return `unsupported format character '${t}'`;
  }
  return null;
}

/** The problem with a literal f-string format spec, or null (the rest is checked at run time). */
export function specProblem(spec: string): string | null {
  const cs = Array.from(spec);
  let i = 0;
  if (cs.length >= 2 && '<>=^'.includes(cs[1])) i = 2;
  else if (cs.length >= 1 && '<>=^'.includes(cs[0])) i = 1;
  if (i < cs.length && '+- '.includes(cs[i])) i++;
  if (cs[i] === 'z') return "the 'z' option applies to floats only";
  const t = cs[cs.length - 1];
  if (cs.length > i && 'eEfFgG%'.includes(t)) return `format code '${t}' makes a float; contracts have no floats (use d, x, o, b, c or s)`;
  return null;
}

/** How many arguments a (valid, mapping-free) printf-style format consumes, counting * widths. */
export function percentArgCount(fmt: string): number {
  let n = 0;
  let i = 0;
  while (i < fmt.length) {
    if (fmt[i++] !== '%') continue;
    while (i < fmt.length && !/[a-zA-Z%]/.test(fmt[i])) {
      if (fmt[i] === '*') n++;
      i++;
    }
    while (i < fmt.length && 'hlL'.includes(fmt[i])) i++;
    if (fmt[i++] !== '%') n++;
  }
  return n;
}
