/**
 * Instances full of ties for the symmetry tests: k identical copies of each of m distinct
 * projects (same value, cost and demand), a budget and a few skill capacities set to a fraction
 * of the total, so that many selections share the optimum value.
 */
import { problem, type AllocationProblem, type Candidate } from '../../src/core/allocation';
import { rng } from '../../scripts/rng';

export function copiesInstance(m: number, k: number, seed: number, skills = 4): AllocationProblem {
  const r = rng(seed);
  const projects: Candidate[] = [];
  const use: [number, number][][] = Array.from({ length: skills }, () => []);
  let totalCost = 0;
  const totalUse = new Array<number>(skills).fill(0);
  for (let d = 0; d < m; d++) {
    const cost = 10 + Math.floor(r() * 90);
    const value = Math.round(cost * (0.5 + r()) + r() * 20);
    const demand = Array.from({ length: skills }, () => (r() < 0.5 ? 1 + Math.floor(r() * 9) : 0));
    for (let c = 0; c < k; c++) {
      const j = projects.length;
      projects.push({ id: `P${d}-${c}`, value, cost, force: null });
      totalCost += cost;
      demand.forEach((a, s) => {
        if (a > 0) {
          (use[s] as [number, number][]).push([j, a]);
          totalUse[s] = (totalUse[s] as number) + a;
        }
      });
    }
  }
  return problem({
    projects,
    budget: Math.floor(totalCost * 0.35),
    resources: use.map((u, s) => ({
      name: `skill ${s}`,
      subject: `skill ${s}`,
      unit: 'FTE',
      kind: 'capacity' as const,
      limit: Math.floor((totalUse[s] as number) * 0.4),
      use: u,
    })),
  });
}
