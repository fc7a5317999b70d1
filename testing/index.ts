// vm-py/testing: the test toolkit for JS test runners (vitest, node:test). The same chain the
// Python `testing` module drives: deploy contracts from a manifest, a source file or source
// text, call them as any sender, move the block, seed balances, snapshot and revert, expect
// reverts, errors and events, read storage and gas; and run `test_*.py` files from JS.
export { account, Chain, describeFailure, formatTraceback, readContract, TestFailure } from './chain.js';
export type { AddressLike, CallOptions, CallResult, ChainOptions, ContractSource, Deployed, Event, Frame } from './chain.js';
export { arbitrary, discover, gasReport, runTestFile, TEST_ADDRESS } from './runner.js';
export type { FileResult, GasRow, TestOptions, TestResult } from './runner.js';
export { PyDict, PyTuple } from '../core/values.js';
export type { Value } from '../core/values.js';
