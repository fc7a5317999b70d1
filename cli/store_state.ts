// `--state <dir>` for vm-py deploy and run: the node's LMDB store (host/store) instead of a
// JSON state file. A call or deploy runs on an overlay above it and reaches the disk in one
// transaction with the new state root, or not at all. The CLI's deployments (which `run`
// without --to calls) are a record kept in the same transaction, beside the state.
import { existsSync, readdirSync, statSync } from 'node:fs';
import type { LmdbStore } from '../host/store/lmdb_store.js';
import { StoreError } from '../spec/errors.js';

/** --state names a store directory: an existing directory, or a path ending in a separator. */
export function isStoreDir(path: string): boolean {
  return /[\\/]$/.test(path) || (existsSync(path) && statSync(path).isDirectory());
}

/**
 * Open the store at path; an empty directory becomes a new store. create: so does a missing
 * one (deploy); else a missing directory is refused (run: a mistyped path has nothing to
 * call). A directory holding other files than a store's is refused, so a mistyped path never
 * gets a database written into it.
 */
export async function openCliStore(path: string, create: boolean): Promise<LmdbStore> {
  if (existsSync(path) && !statSync(path).isDirectory()) throw new StoreError(`${path} is a file (a JSON state file?), not a store directory`);
  const files = existsSync(path) ? readdirSync(path) : null;
  if (files === null) {
    if (!create) throw new StoreError(`no store at ${path}: make one with vm-py deploy --state ${path} (or vm-py node --state ${path})`);
  } else if (files.length > 0 && !files.includes('data.mdb')) throw new StoreError(`${path} is a directory but not a vm-py store (no data.mdb in it)`);
  const { LmdbStore } = await import('../host/store/lmdb_store.js');
  return LmdbStore.open(path.replace(/[\\/]+$/, '') || path);
}

const DEPLOYMENTS = 'cli/deployments/';

/** The addresses (hex) `vm-py deploy --state` deployed for a manifest name, oldest first. */
export function storeDeployments(store: LmdbStore, name: string): string[] {
  const raw = store.meta(DEPLOYMENTS + name);
  if (raw === null) return [];
  let list: unknown;
  try {
    list = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    list = null;
  }
  if (!Array.isArray(list) || list.some((a) => typeof a !== 'string' || !/^[0-9a-f]+$/.test(a)))
    throw new StoreError(`the store's record of ${name}'s deployments is malformed`);
  return list as string[];
}

/** The record to write with a deploy: the name's deployments with address (hex) appended. */
export function deploymentRecord(store: LmdbStore, name: string, address: string): Record<string, Uint8Array> {
  return { [DEPLOYMENTS + name]: new TextEncoder().encode(JSON.stringify([...storeDeployments(store, name), address])) };
}
