/**
 * A plain array of n zeros, stored as doubles from the start (built from 0.5s: zeros alone would
 * make an array of small integers, converted on the first fractional write).
 *
 * The training loops keep their vectors, parameters and buffers in plain arrays rather than typed
 * ones: once anything in the process has detached an ArrayBuffer — WebAssembly memory growing
 * (parquet-wasm reading a file), a transfer to a worker, some module loaders — V8's optimised
 * code checks on every typed-array access whether its buffer is still attached, and plain arrays
 * skip that check (the kernels run up to twice as fast). Large inputs (the feature rows, the
 * targets) stay typed: copying them into plain arrays costs more than the checks on reading them.
 */
export function plainZeros(n: number): number[] {
  return Array.from({ length: n }, () => 0.5).fill(0);
}
