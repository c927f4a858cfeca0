export { normalizeArtifactPath } from './artifact-path.js';
export { isSha256Digest, type BlobStore, type StoredBlob } from './blob-store.js';
export { LocalBlobStore } from './local-blob-store.js';
export { tarStream, type TarEntry } from './tar-stream.js';
