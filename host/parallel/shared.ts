// The control words a block's workers and the main thread share (an Int32Array over a
// SharedArrayBuffer): the next tx index to claim, and a flag that stops claims.
export const CURSOR = 0;
export const STOP = 1;
