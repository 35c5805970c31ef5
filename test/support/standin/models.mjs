// @ts-check
// The model catalogue: how names match ('mistral' is 'mistral:latest') and what each model
// looks like in /api/tags, /api/ps and /api/show. Known models carry the figures of a real
// install; unknown names get deterministic made-up values; a test's `modelInfo` option
// overrides capabilities, context length and architecture per model.
import { createHash } from 'node:crypto';

/**
 * @import { ModelInfoOverride } from './types.mjs'
 */

/**
 * @typedef {object} ModelMeta
 * @property {number} size bytes on disk
 * @property {string} digest sha256, hex
 * @property {string} family
 * @property {string} architecture general.architecture; model_info's "<architecture>.context_length" key
 * @property {string} parameter_size e.g. '7.2B'
 * @property {string} quantization_level e.g. 'Q4_K_M'
 * @property {number} context_length the trained context length: num_ctx is capped at it
 * @property {string[]} capabilities e.g. ['completion', 'tools', 'thinking']
 */

/** @type {Record<string, Omit<ModelMeta, 'digest' | 'architecture'> & { digest?: string, architecture?: string }>} */
const KNOWN_MODELS = {
  mistral: {
    size: 4372824384,
    digest: '6577803aa9a036369e481d648a2baebb381ebc6e897f2bb9a766a2aa7bfbc1cf',
    family: 'llama',
    parameter_size: '7.2B',
    quantization_level: 'Q4_K_M',
    context_length: 32768,
    capabilities: ['completion', 'tools'],
  },
  'llama3.2': {
    size: 2019393189,
    digest: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
    family: 'llama',
    parameter_size: '3.2B',
    quantization_level: 'Q4_K_M',
    context_length: 131072,
    capabilities: ['completion', 'tools'],
  },
  'llama3.1': {
    size: 4920753328,
    family: 'llama',
    parameter_size: '8.0B',
    quantization_level: 'Q4_K_M',
    context_length: 131072,
    capabilities: ['completion', 'tools'],
  },
  'qwen2.5': {
    size: 4683087332,
    digest: '845dbda0ea48ed749caafd9e6037047aa19acfcfd82e704d7ca97d631a0b697e',
    family: 'qwen2',
    parameter_size: '7.6B',
    quantization_level: 'Q4_K_M',
    context_length: 32768,
    capabilities: ['completion', 'tools'],
  },
  qwen3: {
    size: 5225387923,
    family: 'qwen3',
    parameter_size: '8.2B',
    quantization_level: 'Q4_K_M',
    context_length: 40960,
    capabilities: ['completion', 'tools', 'thinking'],
  },
  gemma2: {
    size: 5443152417,
    family: 'gemma2',
    parameter_size: '9.2B',
    quantization_level: 'Q4_0',
    context_length: 8192,
    capabilities: ['completion'],
  },
  phi3: {
    size: 2176178913,
    family: 'phi3',
    parameter_size: '3.8B',
    quantization_level: 'Q4_0',
    context_length: 131072,
    capabilities: ['completion'],
  },
  'deepseek-r1': {
    size: 5225376047,
    family: 'qwen3',
    parameter_size: '8.2B',
    quantization_level: 'Q4_K_M',
    context_length: 131072,
    capabilities: ['completion', 'thinking'],
  },
};

/**
 * Canonical form used to match model names: lower case, without the default
 * registry/namespace, with the tag defaulting to "latest".
 * @param {string} name
 */
export function normalizeModelName(name) {
  let n = String(name).trim().toLowerCase();
  n = n.replace(/^registry\.ollama\.ai\//, '').replace(/^library\//, '');
  const lastSlash = n.lastIndexOf('/');
  if (!n.slice(lastSlash + 1).includes(':')) n += ':latest';
  return n;
}

/**
 * The name without namespace and tag: the key into KNOWN_MODELS.
 * @param {string} name
 */
function baseName(name) {
  const n = normalizeModelName(name);
  const noTag = n.slice(0, n.lastIndexOf(':'));
  return noTag.slice(noTag.lastIndexOf('/') + 1);
}

/**
 * What the stand-in knows about a model: the catalogue entry (or made-up values for an unknown
 * name), with the test's override for it applied.
 * @param {string} name
 * @param {Readonly<Record<string, ModelInfoOverride>>} [modelInfo] the stand-in's `modelInfo` option
 * @returns {ModelMeta}
 */
export function modelMeta(name, modelInfo = {}) {
  const meta = catalogueMeta(name);
  const override = findOverride(modelInfo, name);
  if (!override) return meta;
  if (override.capabilities) meta.capabilities = [...override.capabilities];
  if (override.contextLength !== undefined) meta.context_length = override.contextLength;
  if (override.architecture) meta.architecture = meta.family = override.architecture;
  if (override.parameterSize) meta.parameter_size = override.parameterSize;
  if (override.digest) meta.digest = override.digest;
  return meta;
}

/**
 * @param {string} name
 * @returns {ModelMeta}
 */
function catalogueMeta(name) {
  const base = baseName(name);
  const hash = createHash('sha256').update(normalizeModelName(name)).digest('hex');
  const known = KNOWN_MODELS[base];
  if (known) {
    return {
      ...known,
      capabilities: [...known.capabilities],
      digest: known.digest ?? hash,
      architecture: known.architecture ?? known.family,
    };
  }
  const family = base.replace(/[^a-z].*$/, '') || 'llama';
  return {
    size: 2_000_000_000 + (parseInt(hash.slice(0, 8), 16) % 3_000_000_000),
    digest: hash,
    family,
    architecture: family,
    parameter_size: '7.0B',
    quantization_level: 'Q4_K_M',
    context_length: 8192,
    capabilities: ['completion'],
  };
}

/**
 * The override for `name`: a key naming the same model ('tiny' is 'tiny:latest'), else an
 * untagged key with its base name ('qwen3' covers 'qwen3:8b').
 * @param {Readonly<Record<string, ModelInfoOverride>>} modelInfo
 * @param {string} name
 * @returns {ModelInfoOverride | undefined}
 */
function findOverride(modelInfo, name) {
  const want = normalizeModelName(name);
  const entries = Object.entries(modelInfo);
  const exact = entries.find(([k]) => normalizeModelName(k) === want);
  if (exact) return exact[1];
  const base = baseName(name);
  return entries.find(([k]) => !k.includes(':') && baseName(k) === base)?.[1];
}

/**
 * The `details` object of /api/tags, /api/ps and /api/show.
 * @param {ModelMeta} meta
 */
export function modelDetails(meta) {
  return {
    parent_model: '',
    format: 'gguf',
    family: meta.family,
    families: [meta.family],
    parameter_size: meta.parameter_size,
    quantization_level: meta.quantization_level,
  };
}

/**
 * The installed model a request names, as it is listed ('mistral' finds 'mistral:latest').
 * @param {readonly string[]} installed
 * @param {string} requested
 * @returns {string | undefined}
 */
export function findModel(installed, requested) {
  const want = normalizeModelName(requested);
  return installed.find((m) => normalizeModelName(m) === want);
}
