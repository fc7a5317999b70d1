// The package version and build id, set by scripts/build.mjs (esbuild define). Unbundled
// (tests importing the sources) they are absent and read 'unbundled'.
declare const __VMPY_VERSION__: string;
declare const __VMPY_BUILD_ID__: string;
export const VERSION = typeof __VMPY_VERSION__ === 'string' ? __VMPY_VERSION__ : 'unbundled';
export const BUILD_ID = typeof __VMPY_BUILD_ID__ === 'string' ? __VMPY_BUILD_ID__ : 'unbundled';
