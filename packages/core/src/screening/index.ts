export * from './tfidf.js';
export * from './embeddings.js';
export * from './classifiers/index.js';
export * from './queries.js';
export * from './stopping.js';
export * from './simulate.js';
export * from './metrics.js';
export * from './agreement.js';
