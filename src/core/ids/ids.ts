import { randomInt, randomUUID } from 'node:crypto';

/** MLflow's run id format: a uuid4 as 32 lowercase hex characters. */
export function newRunId(): string {
  return randomUUID().replaceAll('-', '');
}

export function isRunId(value: string): boolean {
  return /^[0-9a-f]{32}$/.test(value);
}

const adjectives = [
  'amber',
  'bold',
  'brisk',
  'calm',
  'clever',
  'crisp',
  'dapper',
  'eager',
  'fair',
  'gentle',
  'glad',
  'grand',
  'keen',
  'lively',
  'lucid',
  'merry',
  'nimble',
  'polite',
  'proud',
  'quick',
  'quiet',
  'rare',
  'shy',
  'sleek',
  'steady',
  'sunny',
  'swift',
  'tidy',
  'vivid',
  'wise',
];
const nouns = [
  'badger',
  'bass',
  'cat',
  'crane',
  'deer',
  'eel',
  'finch',
  'fox',
  'gull',
  'hare',
  'hawk',
  'heron',
  'ibis',
  'jay',
  'kite',
  'lark',
  'lynx',
  'mink',
  'moth',
  'newt',
  'otter',
  'owl',
  'panda',
  'robin',
  'seal',
  'shrew',
  'snail',
  'swan',
  'toad',
  'wren',
];

/** A readable default run name, as MLflow gives unnamed runs (e.g. `swift-heron-417`). */
export function newRunName(): string {
  const pick = (words: string[]) => words[randomInt(words.length)] ?? 'run';
  return `${pick(adjectives)}-${pick(nouns)}-${randomInt(1000)}`;
}
