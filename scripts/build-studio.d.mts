// Types for scripts/build-studio.mjs (a plain JS build script, imported by the studio's tests).
export function studioExamples(): { name: string; source: string }[];
export function buildStudio(outDir?: string, opts?: { minify?: boolean }): Promise<{ outDir: string; bytes: number; inputs: number }>;
