export * from './normalise.js';
export * from './similarity.js';
export * from './decide.js';
export * from './dedup.js';
export * from './merge.js';
