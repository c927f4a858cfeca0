import { fileURLToPath } from 'node:url';
import { readTable, type Table } from '../data/tabular/index.js';

/** A file of the npm `vega-datasets` package (real public datasets, installed as a dev dependency). */
export function vegaFile(name: string): string {
  return fileURLToPath(new URL(`../../node_modules/vega-datasets/data/${name}`, import.meta.url));
}

export function readVegaTable(name: string): Promise<Table> {
  return readTable(vegaFile(name));
}

/** The feature sets the scikit-learn reference scores were computed with. */
export const referenceFeatures = {
  seattle: ['precipitation', 'temp_max', 'temp_min', 'wind'],
  cars: ['Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration', 'Origin'],
};
