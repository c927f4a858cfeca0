import { cellKind, type Cell, type CellKind, type ColumnType } from '../tabular/index.js';
import { cellText, firstPresent, type Extraction } from './cell-values.js';
import {
  familyReader,
  type Family,
  type FamilyReader,
  type ReaderContext,
} from './family-readers.js';
import type { ColumnHead, ColumnProfile, ProfileSettings } from './profile-format.js';

const FAMILY_OF: Readonly<Record<CellKind, Family>> = {
  integer: 'numeric',
  float: 'numeric',
  boolean: 'boolean',
  datetime: 'datetime',
  string: 'string',
};

const FAMILY_WORDS: Readonly<Record<Family, string>> = {
  numeric: 'numbers',
  boolean: 'booleans',
  datetime: 'datetimes',
  string: 'text',
};

/**
 * Profiles one column chunk by chunk. With a pinned type every value is read as that type, and
 * values that do not fit are counted as invalid. An inferred column takes the family of its first
 * present value (numbers, booleans, datetimes or text) and is profiled as that while its values
 * agree, so it ends up typed as `ColumnTypeInferrer` types it; a value of another family makes it
 * a string column (text absorbs everything), whose categories a second pass counts, since the
 * values read so far were not kept as labels.
 */
export class ColumnProfiler {
  private reader: FamilyReader | null = null;
  private family: Family | null = null;
  private missing: number;
  private invalid = 0;
  /** An inferred column whose values mix families: read again as text in pass 2. */
  private mixed = false;
  private note: string | undefined;
  private readonly context: ReaderContext;

  constructor(
    readonly name: string,
    settings: ProfileSettings,
    seed: number,
    private readonly pinned: ColumnType | undefined,
    /** Rows read before the column first appeared (JSON records can add keys late). */
    missingBefore: number,
  ) {
    this.missing = missingBefore;
    this.context = { settings, seed, pinned, onMismatch: pinned ? 'count' : 'stop' };
    if (pinned) this.begin(FAMILY_OF[pinned]);
  }

  /** Pass 1: a chunk's cells of this column, or undefined when the chunk lacks the column. */
  add(cells: readonly Cell[] | undefined, rowCount: number, rowOffset: number): void {
    if (this.mixed) return; // the second pass profiles it from scratch
    if (!cells) {
      this.missing += rowCount;
      return;
    }
    let start = 0;
    if (!this.reader) {
      const first = firstPresent(cells, 0);
      this.missing += first.index < 0 ? cells.length : first.index;
      if (first.index < 0) return;
      start = first.index;
      this.begin(FAMILY_OF[first.kind!]);
    }
    const found = this.reader!.read(cells, start);
    if (found.mismatch >= 0) this.mix(cells[found.mismatch]!, rowOffset + found.mismatch);
    else this.count(found);
  }

  /** After pass 1: fixes histogram edges; true when pass 2 must see this column. */
  endFirstPass(bins: number): boolean {
    if (this.mixed) {
      this.missing = 0;
      this.begin('string');
      return true;
    }
    return this.reader?.endFirstPass(bins) ?? false;
  }

  /** Pass 2: recounts a mixed column as text, or counts a sketched histogram. */
  recount(cells: readonly Cell[] | undefined, rowCount: number): void {
    if (this.mixed) {
      if (cells) this.count(this.reader!.read(cells, 0));
      else this.missing += rowCount;
    } else if (cells) this.reader!.recount(cells);
  }

  result(): ColumnProfile {
    if (!this.reader) {
      const head = { ...this.head('float', 0), type: 'float' as const };
      return { ...head, note: 'every value is missing', numeric: null, sample: [] };
    }
    return this.reader.profile((type, count) => this.head(type, count));
  }

  /** The fields every column has, in the order a reader of the JSON wants them. */
  private head(type: ColumnType, count: number): ColumnHead {
    return {
      name: this.name,
      type,
      type_source: this.pinned ? 'schema' : 'inferred',
      nullable: this.missing > 0,
      count,
      missing: this.missing,
      invalid: this.invalid,
      ...(this.note === undefined ? {} : { note: this.note }),
    };
  }

  private begin(family: Family): void {
    this.family = family;
    this.reader = familyReader(family, this.context);
  }

  private count(found: Extraction): void {
    this.missing += found.missing;
    this.invalid += found.invalid;
  }

  /** The column holds a value of another family: it is text, profiled again in pass 2. */
  private mix(cell: Cell, row: number): void {
    const family = FAMILY_OF[cellKind(cell)!];
    this.note =
      `row ${row} holds ${JSON.stringify(cellText(cell))} (${FAMILY_WORDS[family]}) ` +
      `among ${FAMILY_WORDS[this.family!]}, so the column is read as string`;
    this.mixed = true;
    this.reader = null;
  }
}
