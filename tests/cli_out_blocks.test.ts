// The CLI's stdout writer (cli/report.ts out): a receipt given in pieces (one per event or
// call of the call tree) is written in blocks, not a system call per piece, and the text is
// the pieces in order with one newline at the end.
import { beforeEach, expect, test, vi } from 'vitest';

const writes: Buffer[] = [];
vi.mock('node:fs', async (orig) => {
  const fs = (await orig()) as typeof import('node:fs');
  return {
    ...fs,
    writeSync: (fd: number, buf: Uint8Array, off = 0) => {
      expect(fd).toBe(1);
      writes.push(Buffer.from(buf.subarray(off)));
      return buf.length - off;
    },
  };
});

beforeEach(() => {
  writes.length = 0;
});

test('10,000 small pieces take a few writes, in order', async () => {
  const { out } = await import('../cli/report.js');
  const pieces = Array.from({ length: 10000 }, (_, i) => `{"n":${i}},`);
  out(pieces);
  expect(writes.length).toBeLessThan(8);
  expect(Buffer.concat(writes).toString('utf8')).toBe(pieces.join('') + '\n');
});

test('bytes pieces keep their place between strings', async () => {
  const { out } = await import('../cli/report.js');
  out(['a', Uint8Array.of(0x62, 0x63), 'd', 'e']);
  expect(Buffer.concat(writes).toString('utf8')).toBe('abcde\n');
  out('one line');
  expect(Buffer.concat(writes).toString('utf8')).toBe('abcde\none line\n');
});
