/** npm run bench: builds, then prints every benchmark section. */
import { buildAll } from './build';
import { printFormulas } from './bench/formulas';
import { printRuntime } from './bench/runtime';
import { printActions } from './bench/actions';

await buildAll();
printFormulas();
await printRuntime();
printActions();
