export { Decimal, round, formatRounded, exact, type RoundingMode } from './decimal.js';
export * from './errors.js';
export * from './inspection.js';
export * from './assessment.js';
export * from './rank.js';
export * from './statistics.js';
export * from './figures.js';
export * from './sampling.js';
