import { fileURLToPath } from 'node:url';

/** Repository-relative locations, resolved from this file so scripts work from any cwd. */
export const ROOT_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge/', import.meta.url));
export const INDEX_DIR = fileURLToPath(new URL('../../build/index/', import.meta.url));
/** The static files: the widget, the reference page's files and the Worker's copy of the index. */
export const PUBLIC_DIR = fileURLToPath(new URL('../../build/public/', import.meta.url));
/** The word-vector table cut from GloVe; `build-index` copies it into the index. */
export const WORD_VECTORS_FILE = fileURLToPath(new URL('../../build/word-vectors.bin', import.meta.url));
