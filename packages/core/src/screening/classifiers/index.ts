export * from './classifier.js';
export * from './naive-bayes.js';
export * from './logistic.js';
export * from './svm.js';
export * from './nearest-relevant.js';
