/** npm run bench: builds, then prints every benchmark section. */
import { buildAll } from './build';
import { printFormulas } from './bench/formulas';
import { printRuntime } from './bench/runtime';

await buildAll();
printFormulas();
await printRuntime();
