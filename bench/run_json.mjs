// The object `vm-py run --json` prints (cli/render.ts receiptJson): the last line of its stdout.
// bench/adversarial_cli.mjs and tests/cli_events_output.test.ts read it with this one function.

/**
 * The receipt object of a `vm-py run --json` stdout; throws when the last line is not one
 * (no status or no integer gasUsed), saying what was there instead.
 */
export function runJson(stdout) {
  const text = stdout.trimEnd();
  const line = text.slice(text.lastIndexOf('\n') + 1);
  let out;
  try {
    out = JSON.parse(line);
  } catch {
    throw new Error(`no JSON on the last line of vm-py run: ${line.slice(0, 300)}`);
  }
  if (typeof out?.status !== 'string' || !Number.isSafeInteger(out.gasUsed)) throw new Error(`not a vm-py run receipt: ${line.slice(0, 300)}`);
  return out;
}
