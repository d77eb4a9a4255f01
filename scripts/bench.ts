/**
 * npm run bench: builds, then prints every benchmark section.
 * `npm run bench -- --actions [--sizes 1000,10000]`: the menu actions only, at those sizes.
 */
import { buildAll } from './build';
import { printFormulas } from './bench/formulas';
import { printRuntime } from './bench/runtime';
import { printActions } from './bench/actions';

const argv = process.argv.slice(2);
const sizesAt = argv.indexOf('--sizes');
const sizes = sizesAt >= 0 ? (argv[sizesAt + 1] ?? '').split(',').map(Number) : undefined;
if (sizes?.some((n) => !Number.isInteger(n) || n < 1))
  throw new Error('--sizes takes whole numbers separated by commas, e.g. 1000,10000');

await buildAll();
if (!argv.includes('--actions')) {
  printFormulas();
  await printRuntime();
}
printActions(sizes);
