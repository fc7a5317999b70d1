// Child process of tests/store.test.ts: open the store given, add blocks of token transfers
// (the same blocks for the same heights, from tests/helpers/chain.ts) until killed, printing
// "committed <height>" after each block is on disk.
import { LmdbStore } from '../../host/store/lmdb_store.js';
import { executeBlock } from '../../node/block/execute_block.js';
import { header, heightBlock, setupToken } from './chain.js';

const store = LmdbStore.open(process.argv[2]);
if (store.head().height < 0n) setupToken(store, 64);
for (;;) {
  const h = store.head().height + 1n;
  executeBlock({ state: store, block: header(Number(h)), txs: heightBlock(store, Number(h)), strict: true });
  process.stdout.write(`committed ${h}\n`);
}
