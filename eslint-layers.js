// @ts-check
import { dirname, relative, resolve, sep } from 'node:path';

/**
 * The layering of ../shared/DESIGN.md as a lint rule: each top-level folder of src/ may import
 * only from the layers above it. Imports are resolved to real paths first, so a folder inside a
 * layer that happens to share a layer's name (src/store/kysely/registry) is not mistaken for it.
 */
const domain = [
  'tracking',
  'data',
  'metrics',
  'registry',
  'train',
  'tune',
  'serve',
  'deploy',
  'monitor',
  'pipelines',
  'app',
];
const storage = ['store', 'artifacts'];

/** @type {Record<string, { allowed: string[]; why: string }>} */
const layers = {
  core: { allowed: ['core'], why: 'core is the bottom layer: it imports no other Gyre layer' },
  ...Object.fromEntries(
    storage.map((l) => [l, { allowed: ['core', ...storage], why: 'storage may import only core' }]),
  ),
  onnx: {
    allowed: ['core', ...storage, 'onnx'],
    why: 'the model format layer may import only core and storage',
  },
  ...Object.fromEntries(
    domain.map((l) => [
      l,
      {
        allowed: ['core', ...storage, 'onnx', ...domain],
        why: 'domain code has no HTTP, CLI or SDK inside',
      },
    ]),
  ),
};

// Interfaces (api, cli, sdk), src/testing and src/index.ts sit at the top: they may import anything.

const srcRoot = resolve(import.meta.dirname, 'src');

/** The top-level folder of src/ a path belongs to, or undefined outside src/. */
function layerOf(path) {
  const rel = relative(srcRoot, path);
  if (rel.startsWith('..') || !rel.includes(sep)) return undefined;
  return rel.split(sep)[0];
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const from = layerOf(context.filename);
    const policy = from ? layers[from] : undefined;
    if (!policy) return {};
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = layerOf(resolve(dirname(context.filename), source));
      if (to && !policy.allowed.includes(to)) {
        context.report({
          node,
          message: `src/${from} may not import src/${to}: ${policy.why} (DESIGN.md, layers)`,
        });
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export const layersPlugin = { rules: { layers: rule } };
