import { hashString } from './random.js';

/** Register index bits: 2^14 registers (16 KiB), standard error 1.04 / √16384 ≈ 0.81%. */
const PRECISION = 14;
const REGISTERS = 1 << PRECISION;
const TWO_32 = 2 ** 32;

/** Relative standard error of the estimate. */
export const HYPERLOGLOG_ERROR = 1.04 / Math.sqrt(REGISTERS);

/**
 * A HyperLogLog counter of distinct strings (Flajolet et al., 2007) with 32-bit hashes, linear
 * counting for small cardinalities and the large-range correction: 16 KiB whatever the count.
 */
export class HyperLogLog {
  private readonly registers = new Uint8Array(REGISTERS);

  add(value: string): void {
    const hash = hashString(value);
    const index = hash >>> (32 - PRECISION);
    const rest = (hash << PRECISION) >>> 0;
    const rank = rest === 0 ? 32 - PRECISION + 1 : Math.clz32(rest) + 1;
    if (rank > this.registers[index]!) this.registers[index] = rank;
  }

  estimate(): number {
    let harmonic = 0;
    let zeros = 0;
    for (const register of this.registers) {
      harmonic += 2 ** -register;
      if (register === 0) zeros++;
    }
    const alpha = 0.7213 / (1 + 1.079 / REGISTERS);
    const raw = (alpha * REGISTERS * REGISTERS) / harmonic;
    if (raw <= 2.5 * REGISTERS && zeros > 0) {
      return Math.round(REGISTERS * Math.log(REGISTERS / zeros));
    }
    if (raw > TWO_32 / 30) return Math.round(-TWO_32 * Math.log(1 - raw / TWO_32));
    return Math.round(raw);
  }
}
