// Child process of tests/store_pages.test.ts: open the store given with the full check, run
// block 4 on it, and print one line: "ok <root>", or "E-STORE <message>" for a StoreError,
// or "OTHER <error>" for anything else (which the test refuses).
import { LmdbStore } from '../../host/store/lmdb_store.js';
import { executeBlock } from '../../node/block/execute_block.js';
import { StoreError } from '../../spec/errors.js';
import { header, heightBlock } from './chain.js';

try {
  const t = LmdbStore.open(process.argv[2], { verify: true });
  const r = executeBlock({ state: t, block: header(4), txs: heightBlock(t, 4), strict: true });
  await t.close();
  process.stdout.write(`ok ${Buffer.from(r.stateRoot).toString('hex')}\n`);
} catch (e) {
  process.stdout.write(e instanceof StoreError ? `E-STORE ${e.message}\n` : `OTHER ${String(e)}\n`);
}
