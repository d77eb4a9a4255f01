import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../../emulator/bundle';

it('clasp pushes exactly what dist/ holds (clasp status, offline)', () => {
  const out = execFileSync(join(ROOT, 'node_modules/.bin/clasp'), ['status', '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const status = JSON.parse(out) as { filesToPush: string[]; untrackedFiles: string[] };
  const dist = readdirSync(join(ROOT, 'dist')).map((f) => `dist/${f}`);
  expect([...status.filesToPush].sort()).toEqual(dist.sort());
  expect(status.filesToPush).toContain('dist/Code.js');
  expect(status.filesToPush).toContain('dist/appsscript.json');
});
