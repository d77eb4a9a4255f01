/**
 * npm run bench:allocate — the allocation optimiser side by side with HiGHS (the `highs` npm
 * package, WebAssembly; the reference only, never in the bundle), in one run:
 * 1. the seven OR-Library multidimensional knapsack instances of bench/mknap1.txt (first
 *    constraint = budget, the others = capacities), checked against the optima in the file;
 * 2. seeded portfolio-shaped instances (budget + 10 skills × 12 periods of capacity +
 *    dependencies + exclusions) of 100, 500 and 2,000 projects, printing per size our value ÷
 *    the HiGHS optimum, our time ÷ the HiGHS time, and our proven gap.
 * Each instance is solved `--repeat` times (default 3) by each solver; times are medians with
 * the min–max spread. Options: --repeat N, --sizes 100,500,2000, --seeds N (instances per size),
 * --time-limit S (ours and HiGHS's, default 60).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import loadHighs, { type Highs } from 'highs';
import {
  buildModel,
  problem as makeProblem,
  solveAllocation,
  type AllocationProblem,
  type Candidate,
} from '../src/core/allocation';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Args {
  repeat: number;
  sizes: number[];
  seeds: number;
  timeLimit: number;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    repeat: Number(get('repeat') ?? 3),
    sizes: (get('sizes') ?? '100,500,2000').split(',').map(Number),
    seeds: Number(get('seeds') ?? 1),
    timeLimit: Number(get('time-limit') ?? 60),
  };
}

/** OR-Library mknap1 format: K; then per instance n m optimum, n values, m rows of n weights, m capacities. */
export function parseMknap(text: string): { problem: AllocationProblem; optimum: number }[] {
  const t = text
    .split(/\s+/)
    .filter((s) => s !== '')
    .map(Number);
  let at = 0;
  const next = (): number => t[at++] as number;
  const k = next();
  const out: { problem: AllocationProblem; optimum: number }[] = [];
  for (let q = 0; q < k; q++) {
    const n = next();
    const m = next();
    const optimum = next();
    const values = Array.from({ length: n }, next);
    const weights = Array.from({ length: m }, () => Array.from({ length: n }, next));
    const caps = Array.from({ length: m }, next);
    const projects: Candidate[] = values.map((v, j) => ({
      id: `x${j + 1}`,
      value: v,
      cost: (weights[0] as number[])[j] as number,
      force: null,
    }));
    out.push({
      optimum,
      problem: makeProblem({
        projects,
        budget: caps[0] as number,
        resources: weights.slice(1).map((w, r) => ({
          name: `constraint ${r + 2}`,
          subject: `constraint ${r + 2}`,
          unit: '',
          kind: 'capacity',
          limit: caps[r + 1] as number,
          use: w.flatMap((a, j) => (a > 0 ? [[j, a] as [number, number]] : [])),
        })),
      }),
    });
  }
  return out;
}

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A portfolio-shaped instance: n projects over 12 months and 10 skills. Each project runs 1–6
 * consecutive months from a random start and needs 1–3 skills at 10–120 h a month; its cost is
 * its hours at 80–150 per hour plus a fixed 5,000–50,000; its value is its risk-adjusted revenue
 * = cost × return (lognormal, median 2) × confidence (0.3–0.95), rounded. Capacity of each
 * skill-month is half of what all projects together would need there; the budget is 40% of the
 * total cost; 10% of the projects need one other project, n/20 sets of 2–3 projects exclude
 * each other, and 2% are forced out.
 */
export function portfolioInstance(n: number, seed: number): AllocationProblem {
  const r = rng(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const SKILLS = 10;
  const PERIODS = 12;
  const demand = new Map<number, [number, number][]>();
  const projects: Candidate[] = [];
  for (let j = 0; j < n; j++) {
    const start = Math.floor(r() * PERIODS);
    const len = Math.min(PERIODS - start, 1 + Math.floor(r() * 6));
    const nSkills = 1 + Math.floor(r() * 3);
    const skills = new Set<number>();
    while (skills.size < nSkills) skills.add(Math.floor(r() * SKILLS));
    let hours = 0;
    for (const s of skills) {
      const perMonth = Math.round(10 + r() * 110);
      for (let t = start; t < start + len; t++) {
        const key = s * PERIODS + t;
        const list = demand.get(key) ?? [];
        list.push([j, perMonth]);
        demand.set(key, list);
        hours += perMonth;
      }
    }
    const cost = Math.round(hours * (80 + r() * 70) + 5000 + r() * 45000);
    const ret = Math.exp(Math.log(2) + 0.5 * normal());
    const confidence = 0.3 + r() * 0.65;
    projects.push({
      id: `P${String(j + 1).padStart(4, '0')}`,
      value: Math.round(cost * ret * confidence),
      cost,
      force: r() < 0.02 ? 'out' : null,
    });
  }
  const resources = [...demand.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([key, use]) => {
      const skill = `S${Math.floor(key / PERIODS) + 1}`;
      const period = `2027-${String((key % PERIODS) + 1).padStart(2, '0')}`;
      const total = use.reduce((s, [, h]) => s + h, 0);
      return {
        name: `${skill} capacity in ${period}`,
        subject: `${skill} in ${period}`,
        unit: 'h',
        kind: 'capacity' as const,
        limit: Math.round(total / 2),
        use,
      };
    });
  const dependencies: { project: number; needs: number }[] = [];
  for (let j = 1; j < n; j++)
    if (r() < 0.1) dependencies.push({ project: j, needs: Math.floor(r() * j) });
  const exclusions: number[][] = [];
  for (let k = 0; k < Math.floor(n / 20); k++) {
    const size = 2 + Math.floor(r() * 2);
    const set = new Set<number>();
    while (set.size < size) set.add(Math.floor(r() * n));
    exclusions.push([...set]);
  }
  const totalCost = projects.reduce((s, p) => s + p.cost, 0);
  return makeProblem({
    projects,
    budget: Math.round(0.4 * totalCost),
    resources,
    dependencies,
    exclusions,
  });
}

interface Run {
  value: number;
  ms: number;
  status: string;
  gap: number;
  nodes: number;
}

/** Solves the same rows with HiGHS (0/1 integer columns, maximise), timing model load + solve. */
function solveHighs(highs: Highs, p: AllocationProblem, timeLimit: number): Run {
  const t0 = performance.now();
  const model = buildModel(p);
  const n = model.n;
  const rows = model.rows;
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const r of rows) {
    indices.push(...r.idx);
    values.push(...r.val);
    starts.push(indices.length);
  }
  const inf = highs.infinity;
  const h = highs.createModel({
    numCols: n,
    numRows: rows.length,
    sense: highs.constants.objectiveSense.maximize,
    colCost: p.projects.map((c) => c.value),
    colLower: p.projects.map((c) => (c.force === 'in' ? 1 : 0)),
    colUpper: p.projects.map((c) => (c.force === 'out' ? 0 : 1)),
    rowLower: rows.map((r) => (Number.isFinite(r.lo) ? r.lo : -inf)),
    rowUpper: rows.map((r) => (Number.isFinite(r.hi) ? r.hi : inf)),
    matrix: { format: 'csr', numRows: rows.length, numCols: n, starts, indices, values },
    integrality: new Array<1>(n).fill(1),
  });
  try {
    h.options.set({ output_flag: false, time_limit: timeLimit, mip_rel_gap: 0, mip_abs_gap: 1e-6 });
    h.run();
    const status = h.getModelStatus();
    const ms = performance.now() - t0;
    const x = h.getSolution().colValue;
    let value = 0;
    for (let j = 0; j < n; j++)
      if ((x[j] as number) > 0.5) value += (p.projects[j] as Candidate).value;
    const nodes = Number(h.info.get('mip_node_count'));
    const gap = Number(h.info.get('mip_gap'));
    const name =
      status === highs.constants.modelStatus.optimal
        ? 'optimal'
        : status === highs.constants.modelStatus.timeLimit
          ? 'time limit'
          : `status ${status}`;
    return { value, ms, status: name, gap, nodes };
  } finally {
    h.dispose();
  }
}

function solveOurs(p: AllocationProblem, timeLimit: number): Run {
  const t0 = performance.now();
  const r = solveAllocation(p, { timeLimitMs: timeLimit * 1000, now: () => performance.now() });
  return {
    value: r.value,
    ms: performance.now() - t0,
    status: r.status,
    gap: r.gap,
    nodes: r.nodes,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] as number;
}

function spread(xs: number[]): string {
  return `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
}

function repeatRuns(times: number, f: () => Run): Run[] {
  return Array.from({ length: times }, f);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const highs = await loadHighs();
  console.log(
    `Allocation benchmark: ours vs HiGHS (highs npm, WebAssembly); ${args.repeat} runs each, median [min–max] ms.`,
  );

  console.log('\nOR-Library mknap1 (first constraint = budget, the rest = capacities)');
  console.log('instance  n×m    optimum   ours      HiGHS     ours ms        HiGHS ms       nodes');
  const mknap = parseMknap(readFileSync(join(ROOT, 'bench/mknap1.txt'), 'utf8'));
  let notOptimal = 0;
  mknap.forEach(({ problem, optimum }, k) => {
    const ours = repeatRuns(args.repeat, () => solveOurs(problem, args.timeLimit));
    const ref = repeatRuns(args.repeat, () => solveHighs(highs, problem, args.timeLimit));
    const o = ours[0] as Run;
    const hr = ref[0] as Run;
    const ok = o.status === 'optimal' && Math.abs(o.value - optimum) < 1e-6;
    if (!ok) notOptimal++;
    console.log(
      `${String(k + 1).padEnd(9)} ${`${problem.projects.length}×${problem.resources.length + 1}`.padEnd(6)} ${String(optimum).padEnd(9)} ${String(o.value).padEnd(9)} ${String(hr.value).padEnd(9)} ${`${median(ours.map((r) => r.ms)).toFixed(1)} [${spread(ours.map((r) => r.ms))}]`.padEnd(14)} ${`${median(ref.map((r) => r.ms)).toFixed(1)} [${spread(ref.map((r) => r.ms))}]`.padEnd(14)} ${o.nodes}${ok ? '' : '  NOT OPTIMAL'}`,
    );
  });
  console.log(
    notOptimal === 0
      ? 'all seven solved to the known optimum'
      : `${notOptimal} INSTANCES NOT SOLVED TO THE OPTIMUM`,
  );

  console.log(
    '\nPortfolio-shaped instances (budget + 10 skills × 12 months + dependencies + exclusions)',
  );
  console.log(
    'projects seed rows  ours/HiGHS value  ours ms [spread]      HiGHS ms [spread]     time ratio  our gap   our status   nodes (ours/HiGHS)',
  );
  for (const n of args.sizes) {
    for (let s = 1; s <= args.seeds; s++) {
      const p = portfolioInstance(n, 1000 * n + s);
      const rows = buildModel(p).rows.length;
      const ours = repeatRuns(args.repeat, () => solveOurs(p, args.timeLimit));
      const ref = repeatRuns(args.repeat, () => solveHighs(highs, p, args.timeLimit));
      const o = ours[0] as Run;
      const hr = ref[0] as Run;
      const om = median(ours.map((r) => r.ms));
      const hm = median(ref.map((r) => r.ms));
      console.log(
        `${String(n).padEnd(8)} ${String(s).padEnd(4)} ${String(rows).padEnd(5)} ${(o.value / hr.value).toFixed(6).padEnd(17)} ${`${om.toFixed(0)} [${spread(ours.map((r) => r.ms))}]`.padEnd(21)} ${`${hm.toFixed(0)} [${spread(ref.map((r) => r.ms))}]`.padEnd(21)} ${(om / hm).toFixed(2).padEnd(11)} ${(o.gap * 100).toFixed(4).padEnd(6)}%  ${o.status.padEnd(12)} ${o.nodes}/${hr.nodes} (HiGHS ${hr.status})`,
      );
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
