// vm-py's public API, what `import ... from 'vm-py'` gives (built to dist/index.mjs): the
// node layer (node.ts, also `vm-py/node` alone, which runs IR only) and the compiler
// (compile.ts, also `vm-py/compiler`); deploy/call here also take contracts as source.
export * from './node.js';
export * from './compile.js';
export { call, deploy } from './node/source.js';
