// Words the main thread and the workers share (Int32Arrays over SharedArrayBuffers).
//
// A block's claims (ctrl): the next tx index to claim, and a flag that stops claims.
export const CURSOR = 0;
export const STOP = 1;
/** batches of results the workers have posted (the main thread waits on this word for the next) */
export const PROGRESS = 2;
/** 1 + the tx index the main thread is waiting for (0: not waiting): a worker then posts what it holds at once */
export const WAIT_FOR = 3;
export const CTRL_WORDS = 4;

// The root keeper's box (worker 0 keeps the state root when the state is in memory):
// Int32 words, then a Float64 and the 32 bytes of the last root.
/** messages the main thread has posted to the root keeper (it waits on this word for more) */
export const POSTED = 0;
/** sequence number of the last block whose root is in the box (the main thread waits on it) */
export const SEALED = 1;
/** byte offset of the Float64 holding the keeper's time on roots, ms (summed) */
export const KEEPER_MS_AT = 8;
/** byte offset of the root's 32 bytes */
export const ROOT_AT = 16;
export const BOX_BYTES = 48;
