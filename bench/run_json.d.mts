/** The receipt object of a `vm-py run --json` stdout (bench/run_json.mjs). */
export interface RunJson {
  ok: boolean;
  status: string;
  gasUsed: number;
  events: { name: string; args: Record<string, unknown>; data: string }[];
  [k: string]: unknown;
}
export declare function runJson(stdout: string): RunJson;
