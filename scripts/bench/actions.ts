/**
 * The menu actions on 1,000 / 10,000 / 50,000 projects: the built Code.js on the emulator,
 * in-process. The portfolio is generated (scripts/fixtures variedPortfolio, seeded): varied
 * costs, scores, months, skills, dependencies and exclusions, not copies of the sample, whose
 * ties no optimiser could prove quickly. Prints the time of each action and its service calls,
 * which must not grow with rows.
 */
import { createHarness, type Harness, type UserSession } from '../../emulator';
import { variedPortfolio } from '../fixtures';

const ACTIONS = [
  'Score & rank',
  'Optimise portfolio',
  'Check capacity',
  'Find overlaps',
  'Refresh dashboard',
  'Snapshot',
] as const;

function run(user: UserSession, caption: string): { ms: number; cpuMs: number; calls: number } {
  user.answerAlert('OK');
  const start = performance.now();
  const cpu = process.cpuUsage();
  user.clickMenu('Portfolio Pilot', caption);
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  user.clearResponses();
  const error = user.lastExecution?.error;
  if (error) throw error;
  const failed = user.dialogs.find((d) => d.title?.includes('did not run'));
  if (failed) throw new Error(`${caption} did not run: ${failed.prompt}`);
  return { ms, cpuMs, calls: user.lastCalls.total };
}

/**
 * What Optimise portfolio did: the selection's status and seconds (its Scenarios row), how many
 * frontier budgets were proven, and the CPU time (the emulator runs in this process, so CPU time
 * is the action's own, whatever else the machine is doing).
 */
function optimiseDetail(h: Harness, cpuMs: number): string {
  const [header = [], ...rows] = h.workbook.sheetValues('Scenarios');
  const last = rows[rows.length - 1] ?? [];
  const at = (name: string): unknown => last[header.indexOf(name)];
  const frontier = h.workbook.sheetValues('Frontier').slice(2, 22);
  const proven = frontier.filter((r) => r[4] === 'optimal').length;
  const infeasible = frontier.filter((r) => String(r[4]).startsWith('infeasible')).length;
  return `selection ${String(at('Status'))} in ${String(at('Time (s)'))} s; frontier ${proven} of ${frontier.length} budgets optimal, ${infeasible} infeasible; CPU ${(cpuMs / 1000).toFixed(1)} s`;
}

export function printActions(sizes: readonly number[] = [1_000, 10_000, 50_000]): void {
  console.log(
    '\nMenu actions on the emulator (built Code.js, in-process, generated portfolio; ms and service calls per action)',
  );
  console.log(`projects  ${ACTIONS.map((a) => a.padEnd(24)).join('')}`);
  for (const n of sizes) {
    const h = createHarness();
    const user = h.emulator.as('bench@example.com');
    user.open();
    run(user, 'Set up workbook');
    run(user, 'Load sample portfolio');
    variedPortfolio(h, n);
    let detail = '';
    const cells = ACTIONS.map((a) => {
      const r = run(user, a);
      if (a === 'Optimise portfolio') detail = optimiseDetail(h, r.cpuMs);
      return `${r.ms.toFixed(0).padStart(7)} ms ${String(r.calls).padStart(4)} calls`.padEnd(24);
    });
    console.log(`${n.toLocaleString('en-US').padEnd(10)}${cells.join('')}`);
    console.log(`${''.padEnd(10)}Optimise portfolio: ${detail}`);
  }
}
