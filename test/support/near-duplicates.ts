// The near-duplicate check lives in src (derived questions use it too); tests import it from here.
export * from '../../src/core/interview/near-duplicates.js';
