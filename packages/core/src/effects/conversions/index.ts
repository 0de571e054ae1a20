export * from './se-ci.js';
export * from './median.js';
export * from './groups.js';
export * from './arm.js';
