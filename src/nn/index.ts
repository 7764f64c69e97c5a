export * from './samplers/index.js';
export * from './losses/index.js';
