/**
 * CRM rows → actuals per project (pure). A deal or campaign row matches a project by the
 * project's CRM campaign (one or more names or IDs, separated by ";"), else by its ID, else by
 * its Name — each compared ignoring case and runs of spaces. Per matched project:
 *   Pipeline generated = Σ Amount of all its deals
 *   Revenue won        = Σ Amount of its won deals
 *   Deals won          = the number of its won deals
 *   Deals lost         = the number of its deals closed and not won
 *   Actual cost        = Σ Actual Cost of its campaign rows (campaign report only)
 * A campaign report without deal rows gives Pipeline generated, Revenue won and Deals won from
 * its "Total Value Opportunities", "Total Value Won Opportunities" and "Num Won Opportunities".
 * Monthly trends: pipeline by the month a deal was created, won revenue and deals won or lost by
 * the month it closed.
 */
import { matchKey } from '../keys';
import type { CampaignRow, Deal } from './rows';

export interface ProjectRef {
  readonly id: string;
  readonly name: string;
  /** The project's CRM campaign cell: names or IDs separated by ";" (blank: none). */
  readonly crmCampaign: string;
}

export interface ProjectActuals {
  /** Index into the projects given. */
  readonly project: number;
  readonly deals: number;
  readonly pipelineGenerated: number | null;
  readonly revenueWon: number | null;
  readonly dealsWon: number | null;
  readonly dealsLost: number | null;
  readonly actualCost: number | null;
  readonly budgetedCost: number | null;
}

export interface Unmatched {
  /** The campaign as written in the export ("(blank)" for deals without one). */
  readonly campaign: string;
  readonly rows: number;
  readonly amount: number;
}

export interface MonthlyActuals {
  readonly project: number;
  /** "YYYY-MM". */
  readonly month: string;
  readonly dealsCreated: number;
  readonly pipelineCreated: number;
  readonly dealsWon: number;
  readonly revenueWon: number;
  readonly dealsLost: number;
}

export interface ActualsResult {
  readonly projects: ProjectActuals[];
  readonly unmatched: Unmatched[];
  readonly monthly: MonthlyActuals[];
  /** How rows were matched: by CRM campaign, by ID, by Name. */
  readonly matchedBy: { readonly campaign: number; readonly id: number; readonly name: number };
  /** CRM campaign values found on two projects: the first project (sheet order) gets the rows. */
  readonly ambiguous: { readonly campaign: string; readonly projects: readonly string[] }[];
}

type Via = 'campaign' | 'id' | 'name';

/** Resolves a campaign text to a project index: CRM campaign, else ID, else Name. */
export class ProjectMatcher {
  private readonly byCampaign = new Map<string, number>();
  private readonly byId = new Map<string, number>();
  private readonly byName = new Map<string, number>();
  readonly ambiguous: { campaign: string; projects: string[] }[] = [];

  constructor(projects: readonly ProjectRef[]) {
    projects.forEach((p, i) => {
      for (const c of splitCampaigns(p.crmCampaign)) {
        const k = matchKey(c);
        const prev = this.byCampaign.get(k);
        if (prev === undefined) this.byCampaign.set(k, i);
        else if (prev !== i) {
          const a = this.ambiguous.find((x) => matchKey(x.campaign) === k);
          if (a) a.projects.push(p.id);
          else this.ambiguous.push({ campaign: c, projects: [projects[prev]?.id ?? '', p.id] });
        }
      }
      const id = matchKey(p.id);
      if (id && !this.byId.has(id)) this.byId.set(id, i);
      const name = matchKey(p.name);
      if (name && !this.byName.has(name)) this.byName.set(name, i);
    });
  }

  match(...keys: readonly string[]): { project: number; via: Via } | undefined {
    for (const [via, map] of [
      ['campaign', this.byCampaign],
      ['id', this.byId],
      ['name', this.byName],
    ] as const) {
      for (const key of keys) {
        const k = matchKey(key);
        const p = k ? map.get(k) : undefined;
        if (p !== undefined) return { project: p, via };
      }
    }
    return undefined;
  }
}

/** "Spring ABM; 7015g00000AbCdE" → both; blank → none. */
export function splitCampaigns(cell: string): string[] {
  return cell
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

interface Acc {
  deals: number;
  pipeline: number;
  won: number;
  dealsWon: number;
  dealsLost: number;
  actualCost: number | null;
  budgetedCost: number | null;
  fromCampaign: { pipeline: number | null; won: number | null; dealsWon: number | null } | null;
}

const month = (d: string | null): string | null => (d ? d.slice(0, 7) : null);

/** Sums the deals and campaign rows of each project; what matches no project is listed. */
export function crmActuals(
  projects: readonly ProjectRef[],
  input: { readonly deals?: readonly Deal[]; readonly campaigns?: readonly CampaignRow[] },
): ActualsResult {
  const matcher = new ProjectMatcher(projects);
  const acc = new Map<number, Acc>();
  const get = (p: number): Acc => {
    let a = acc.get(p);
    if (!a)
      acc.set(
        p,
        (a = {
          deals: 0,
          pipeline: 0,
          won: 0,
          dealsWon: 0,
          dealsLost: 0,
          actualCost: null,
          budgetedCost: null,
          fromCampaign: null,
        }),
      );
    return a;
  };
  const unmatched = new Map<string, Unmatched & { rows: number; amount: number }>();
  const miss = (campaign: string, amount: number | null): void => {
    const shown = campaign || '(blank)';
    const k = matchKey(shown);
    const u = unmatched.get(k) ?? { campaign: shown, rows: 0, amount: 0 };
    u.rows++;
    u.amount += amount ?? 0;
    unmatched.set(k, u);
  };
  const matchedBy = { campaign: 0, id: 0, name: 0 };
  type Counts = Omit<MonthlyActuals, 'project' | 'month'>;
  const monthly = new Map<string, { -readonly [K in keyof MonthlyActuals]: MonthlyActuals[K] }>();
  const bump = (project: number, m: string | null, add: Partial<Counts>): void => {
    if (!m) return;
    const k = `${project}|${m}`;
    let row = monthly.get(k);
    if (!row)
      monthly.set(
        k,
        (row = {
          project,
          month: m,
          dealsCreated: 0,
          pipelineCreated: 0,
          dealsWon: 0,
          revenueWon: 0,
          dealsLost: 0,
        }),
      );
    row.dealsCreated += add.dealsCreated ?? 0;
    row.pipelineCreated += add.pipelineCreated ?? 0;
    row.dealsWon += add.dealsWon ?? 0;
    row.revenueWon += add.revenueWon ?? 0;
    row.dealsLost += add.dealsLost ?? 0;
  };

  for (const d of input.deals ?? []) {
    const m = d.campaign ? matcher.match(d.campaign) : undefined;
    if (!m) {
      miss(d.campaign, d.amount);
      continue;
    }
    matchedBy[m.via]++;
    const a = get(m.project);
    const amount = d.amount ?? 0;
    a.deals++;
    a.pipeline += amount;
    bump(m.project, month(d.createdDate), { dealsCreated: 1, pipelineCreated: amount });
    if (d.outcome === 'won') {
      a.won += amount;
      a.dealsWon++;
      bump(m.project, month(d.closeDate), { dealsWon: 1, revenueWon: amount });
    } else if (d.outcome === 'lost') {
      a.dealsLost++;
      bump(m.project, month(d.closeDate), { dealsLost: 1 });
    }
  }
  for (const c of input.campaigns ?? []) {
    const m = matcher.match(...[c.campaignId, c.campaign].filter(Boolean));
    if (!m) {
      miss(c.campaign || c.campaignId, c.amountAll);
      continue;
    }
    matchedBy[m.via]++;
    const a = get(m.project);
    const add = (x: number | null, y: number | null): number | null =>
      x === null ? y : y === null ? x : x + y;
    a.actualCost = add(a.actualCost, c.actualCost);
    a.budgetedCost = add(a.budgetedCost, c.budgetedCost);
    const f = a.fromCampaign ?? { pipeline: null, won: null, dealsWon: null };
    f.pipeline = add(f.pipeline, c.amountAll);
    f.won = add(f.won, c.amountWon);
    f.dealsWon = add(f.dealsWon, c.wonOpportunities);
    a.fromCampaign = f;
  }

  const out: ProjectActuals[] = [...acc.entries()]
    .sort(([x], [y]) => x - y)
    .map(([project, a]) => {
      const fromDeals = a.deals > 0;
      return {
        project,
        deals: a.deals,
        pipelineGenerated: fromDeals ? a.pipeline : (a.fromCampaign?.pipeline ?? null),
        revenueWon: fromDeals ? a.won : (a.fromCampaign?.won ?? null),
        dealsWon: fromDeals ? a.dealsWon : (a.fromCampaign?.dealsWon ?? null),
        dealsLost: fromDeals ? a.dealsLost : null,
        actualCost: a.actualCost,
        budgetedCost: a.budgetedCost,
      };
    });
  return {
    projects: out,
    unmatched: [...unmatched.values()].sort((a, b) => b.amount - a.amount || b.rows - a.rows),
    monthly: [...monthly.values()].sort(
      (a, b) => a.project - b.project || (a.month < b.month ? -1 : a.month > b.month ? 1 : 0),
    ),
    matchedBy,
    ambiguous: matcher.ambiguous,
  };
}

/** Won revenue, pipeline, deals won and deals lost of the deals whose campaign is `key`. */
export function dealTotals(
  deals: readonly Deal[],
  key: string,
): { won: number; pipeline: number; dealsWon: number; dealsLost: number } {
  const k = matchKey(key);
  const t = { won: 0, pipeline: 0, dealsWon: 0, dealsLost: 0 };
  for (const d of deals) {
    if (matchKey(d.campaign) !== k) continue;
    const amount = d.amount ?? 0;
    t.pipeline += amount;
    if (d.outcome === 'won') {
      t.won += amount;
      t.dealsWon++;
    } else if (d.outcome === 'lost') t.dealsLost++;
  }
  return t;
}
