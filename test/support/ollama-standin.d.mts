// Under moduleResolution NodeNext, TypeScript looks for `.d.mts` next to an imported `.mjs`
// (a sibling `.d.ts` is not consulted), so this re-exports the declarations in ./ollama-standin.d.ts.
export * from './ollama-standin.js';
