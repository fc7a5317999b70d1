// Script text for a bundled-process test (bundled_process.ts): deploys `max + 2` copies of a
// relay contract and defines `targets(n)` (the hex addresses of relays 1..n) and
// `one(fn, args)` (a call into relay 0). The script must bind `max` and import call, deploy,
// compileSource, MemoryState, defaultTx and defaultBlock before this text.
export function relayChainScript(relaySource: string): string {
  return `const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const state = new MemoryState();
const code = compileSource(${JSON.stringify(relaySource)}).bytes;
const relays = [];
for (let i = 0; i < max + 2; i++) {
  const d = deploy({ contract: { code }, gasLimit: 1e7, tx: { ...defaultTx(), nonce: BigInt(i) }, block: defaultBlock(), state });
  relays.push(d.created.address);
}
const targets = (n) => relays.slice(1, n + 1).map((a) => '0x' + hex(a));
const one = (fn, args) => call({ input: { fn, args }, gasLimit: 1e9, tx: { ...defaultTx(), to: relays[0] }, block: defaultBlock(), state });
`;
}
