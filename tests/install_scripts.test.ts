// npm 11 warns at every install about dependencies whose install scripts package.json's
// `allowScripts` does not cover, and npm 12 skips those scripts. Every dependency the lock
// file marks as having an install script is decided in package.json, and nothing else is.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

test('allowScripts covers exactly the locked packages with install scripts', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
  const withScripts = new Set<string>();
  for (const [path, entry] of Object.entries<{ hasInstallScript?: boolean }>(lock.packages)) {
    if (entry.hasInstallScript && path) withScripts.add(path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
  }
  expect(withScripts.size).toBeGreaterThan(0);
  const decided = Object.keys(pkg.allowScripts ?? {}).map((k) => k.replace(/(.)@.*$/, '$1'));
  expect(decided.sort()).toEqual([...withScripts].sort());
});
