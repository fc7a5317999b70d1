// How the CLI ends on bad input: a typed UsageError carries the exit code; main() turns
// every error into one line (or one JSON object) and never shows a stack trace.
import { VmPyError } from '../spec/errors.js';

export class UsageError extends VmPyError {
  constructor(message: string, code = 'E-USAGE') {
    super(code, message);
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILED_CALL = 1;
export const EXIT_BAD_INPUT = 2;
