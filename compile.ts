// `vm-py/compiler` (built to dist/compiler.mjs): source to IR, for SDKs and tools. Pair it
// with `vm-py/node` to deploy what it compiles ({code: compiled.bytes}), or use the package
// root, whose deploy/call compile {manifest, source} themselves.
export { compileSource } from './compiler/index.js';
export type { CompiledContract, CompileOptions } from './compiler/index.js';
export { encodeModule } from './compiler/codec.js';
export { compileContract } from './node/compile_contract.js';
export type { CompiledSource, ContractSource } from './node/adapter.js';
export { signaturesFromSource } from './node/manifest_check.js';
