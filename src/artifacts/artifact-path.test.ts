import { describe, expect, it } from 'vitest';
import { expectGyreError } from '../testing/expect-gyre-error.js';
import { normalizeArtifactPath } from './artifact-path.js';

describe('normalizeArtifactPath', () => {
  it.each([
    ['a', 'a'],
    ['a/b.txt', 'a/b.txt'],
    ['./a//b/', 'a/b'],
    ['a/./b/./c', 'a/b/c'],
    ['.//a', 'a'],
    ['a..b/c.', 'a..b/c.'],
    ['...', '...'],
    ['.hidden/x', '.hidden/x'],
    ['dir with space/é ü/日本.txt', 'dir with space/é ü/日本.txt'],
    ['emoji 😀.png', 'emoji 😀.png'],
    ['run:1/x', 'run:1/x'],
  ])('normalises %j to %j', (input, expected) => {
    expect(normalizeArtifactPath(input)).toBe(expected);
  });

  it.each([
    ['..', /contains '\.\.'/],
    ['../a', /contains '\.\.'/],
    ['a/../b', /contains '\.\.'/],
    ['a/..', /contains '\.\.'/],
    ['./a/../../etc/passwd', /contains '\.\.'/],
    ['/etc/passwd', /is absolute/],
    ['//server/share', /is absolute/],
    ['C:', /is absolute/],
    ['C:/Windows', /is absolute/],
    ['c:file', /is absolute/],
    ['a\\b', /contains '\\'; use '\/'/],
    ['..\\evil', /contains '\\'/],
    ['a\0b', /NUL bytes/],
    ['\0', /NUL bytes/],
    ['a\uD800b', /valid Unicode/],
    ['a/\uDC00', /valid Unicode/],
    ['\uDE00\uD83D', /valid Unicode/],
    ['', /not the root directory/],
    ['.', /not the root directory/],
    ['./', /not the root directory/],
    ['//', /is absolute/],
  ])('rejects %j', async (input, message) => {
    await expectGyreError(() => normalizeArtifactPath(input), 'INVALID_PARAMETER_VALUE', message);
  });

  it('accepts at most 1024 characters after normalisation', async () => {
    expect(normalizeArtifactPath('x'.repeat(1024))).toHaveLength(1024);
    expect(normalizeArtifactPath(`./${'a//'.repeat(300)}${'b'.repeat(424)}`)).toHaveLength(1024);
    await expectGyreError(
      () => normalizeArtifactPath(`${'a/'.repeat(512)}b`),
      'INVALID_PARAMETER_VALUE',
      /1025 characters; the limit is 1024/,
    );
  });

  it('accepts the root only with allowRoot', () => {
    expect(normalizeArtifactPath('', { allowRoot: true })).toBe('');
    expect(normalizeArtifactPath('.', { allowRoot: true })).toBe('');
    expect(normalizeArtifactPath('./', { allowRoot: true })).toBe('');
    expect(normalizeArtifactPath('./d//', { allowRoot: true })).toBe('d');
  });

  it('still rejects escapes with allowRoot', async () => {
    for (const input of ['..', '/', '/a', 'C:', '\\']) {
      await expectGyreError(
        () => normalizeArtifactPath(input, { allowRoot: true }),
        'INVALID_PARAMETER_VALUE',
      );
    }
  });

  it.each([undefined, null, 5, ['a'], { path: 'a' }])(
    'rejects the non-string %j',
    async (input) => {
      await expectGyreError(
        () => normalizeArtifactPath(input),
        'INVALID_PARAMETER_VALUE',
        /must be a string/,
      );
    },
  );
});
