import { buildAll } from '../scripts/build';

/** Builds dist/ once before the tests: the bundle tests run the same Code.js that clasp pushes. */
export default async function setup(): Promise<void> {
  await buildAll();
}
