/**
 * npm run sample:crm — regenerates the sample's CRM export, src/data/sample-crm-export.csv: about
 * 500 deals of the sample's running campaigns over its 12 months, as a Salesforce opportunity
 * report (Details only, exported to CSV). Deterministic (seeded), so the file only changes when
 * this script does. Some deals are won, some lost, some open; a few belong to campaigns no project
 * has, a few have no campaign or no amount, and one has an unreadable amount — what a real export
 * holds. The sample's Active and Done campaigns get the actuals this export gives them (computed
 * with the add-on's own import code), so Load sample and Import CRM actuals agree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crmActuals } from '../src/core/crm/actuals';
import { SALESFORCE_OPPORTUNITIES, type DealField } from '../src/core/crm/layouts';
import { parseCrmRows } from '../src/core/crm/rows';
import { ROOT } from '../emulator/bundle';
import { rng } from './rng';

const JSON_FILE = join(ROOT, 'src/data/sample-portfolio.json');
const CSV_FILE = join(ROOT, 'src/data/sample-crm-export.csv');

interface Project {
  id: string;
  name: string;
  type: string;
  status: string;
  start: string;
  end: string;
  cost: number;
  expectedRevenue: number;
  crmCampaign?: string;
  actuals?: Record<string, number | string>;
}

/**
 * The report's columns: every field of the layout the import reads, under its Salesforce label,
 * but the converted amount (the sample's org has one currency).
 */
type Column = Exclude<DealField, 'convertedAmount'>;
const COLUMNS = SALESFORCE_OPPORTUNITIES.fields.filter(
  (f): f is typeof f & { key: Column } => f.key !== 'convertedAmount',
);
const FIELDS = COLUMNS.map((f) => f.key);
const HEADER = COLUMNS.map((f) => f.header);
type Row = Record<Column, string>;
const OPEN_STAGES = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
];
const OWNERS = [
  'Ava Patel',
  'Ben Carter',
  'Chloé Martin',
  'Diego Alvarez',
  'Emma Schulz',
  'Felix Wong',
  'Grace Kim',
  'Hugo Rossi',
];
const ACCOUNTS = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark',
  'Wayne',
  'Wonka',
  'Hooli',
  'Vandelay',
  'Soylent',
  'Tyrell',
  'Cyberdyne',
  'Aperture',
  'Gringotts',
  'Monarch',
  'Oscorp',
  'Pied Piper',
  'Massive Dynamic',
  'Nakatomi',
  'Prestige',
];
const SUFFIXES = ['Corp', 'Group', 'GmbH', 'Ltd', 'Inc', 'SA', 'Holdings', 'Labs'];
const DEALS = [
  'New business',
  'Platform expansion',
  'Renewal uplift',
  'Pilot',
  'Enterprise licence',
  'Add-on seats',
];
const YEAR_END = '2027-12-31';

/** The campaigns of the sample's running projects, and how each is named in the CRM. */
function campaignsOf(p: Project): string[] {
  if (p.crmCampaign) return p.crmCampaign.split(';').map((s) => s.trim());
  // The CRM names P22's campaign by the project's ID; P02's with other capitals and spacing.
  if (p.id === 'P22') return ['P22'];
  if (p.id === 'P02') return ['EMEA Mid-Market  Webinar Series'];
  return [p.name];
}

const addDays = (iso: string, n: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string): number =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

function main(): void {
  const data = JSON.parse(readFileSync(JSON_FILE, 'utf8')) as { projects: Project[] };
  const random = rng(20270101);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const running = data.projects.filter(
    (p) =>
      ['Campaign', 'Lead generation', 'Partnership'].includes(p.type) &&
      ['Active', 'Done', 'Approved'].includes(p.status),
  );
  const totalRevenue = running.reduce((s, p) => s + p.expectedRevenue, 0);
  const rows: Row[] = [];
  let serial = 0;
  const id = (): string => {
    serial++;
    const chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    let s = '';
    for (let i = 0; i < 10; i++) s += pick(chars.split(''));
    return `006Dn${String(serial).padStart(3, '0')}${s}`;
  };
  const deal = (campaign: string, from: string, to: string, average: number): void => {
    const created = addDays(from, Math.floor(random() * Math.max(1, daysBetween(from, to))));
    const close = addDays(created, 14 + Math.floor(random() * 120));
    const r = random();
    const outcome = close > YEAR_END ? 'open' : r < 0.42 ? 'won' : r < 0.77 ? 'lost' : 'open';
    const amount = Math.round((average * (0.4 + 1.2 * random())) / 500) * 500;
    rows.push({
      id: id(),
      name: `${pick(ACCOUNTS)} ${pick(SUFFIXES)} - ${pick(DEALS)}`,
      owner: pick(OWNERS),
      amount: String(amount),
      currency: 'USD',
      stage:
        outcome === 'won' ? 'Closed Won' : outcome === 'lost' ? 'Closed Lost' : pick(OPEN_STAGES),
      closeDate: outcome === 'open' && close > YEAR_END ? YEAR_END : close,
      createdDate: created,
      won: outcome === 'won' ? '1' : '0',
      closed: outcome === 'open' ? '0' : '1',
      campaign,
    });
  };
  for (const p of running) {
    const n = Math.round((480 * p.expectedRevenue) / totalRevenue);
    const to = addDays(p.end, 30) > '2027-12-15' ? '2027-12-15' : addDays(p.end, 30);
    const won = p.expectedRevenue * (0.7 + 0.45 * random());
    const names = campaignsOf(p);
    for (let i = 0; i < n; i++)
      deal(names[i % names.length] as string, p.start, to, won / (0.42 * n));
  }
  // Deals the CRM gives to campaigns no project has, and a few with no campaign at all.
  for (let i = 0; i < 12; i++) deal('Website - Contact Us', '2027-01-04', '2027-12-15', 18_000);
  for (let i = 0; i < 6; i++)
    deal('Partner referral (unassigned)', '2027-02-01', '2027-11-30', 25_000);
  for (let i = 0; i < 4; i++) deal('', '2027-01-04', '2027-12-15', 12_000);
  rows.sort((a, b) => (a.createdDate < b.createdDate ? -1 : a.createdDate > b.createdDate ? 1 : 0));
  // What a real export holds: an amount someone typed with a letter O, two deals not yet sized.
  const p02 = rows.find((r) => r.campaign === 'EMEA Mid-Market  Webinar Series');
  if (p02) p02.amount = '12,5OO';
  rows
    .filter((r) => r.closed === '0' && r.campaign === 'Website - Contact Us')
    .slice(0, 2)
    .forEach((r) => (r.amount = ''));

  const quote = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const table = [HEADER, ...rows.map((r) => FIELDS.map((f) => r[f]))];
  const csv = table.map((r) => r.map(quote).join(',')).join('\n') + '\n';
  writeFileSync(CSV_FILE, csv);

  // The actuals of the Active and Done campaigns, as Import CRM actuals computes them.
  const parsed = parseCrmRows(table, { dateKey: (d) => d.toISOString().slice(0, 10) });
  if (parsed.rows !== 'deals') throw new Error('the sample export must be deal rows');
  const refs = data.projects.map((p) => ({
    id: p.id,
    name: p.name,
    crmCampaign: p.crmCampaign ?? '',
  }));
  const result = crmActuals(refs, { deals: parsed.deals });
  for (const a of result.projects) {
    const p = data.projects[a.project] as Project;
    if (p.status !== 'Active' && p.status !== 'Done') continue;
    p.actuals = {
      actualCost: Math.round((p.cost * (0.85 + 0.3 * random())) / 100) * 100,
      pipelineGenerated: a.pipelineGenerated ?? 0,
      revenueWon: a.revenueWon ?? 0,
      dealsWon: a.dealsWon ?? 0,
      dealsLost: a.dealsLost ?? 0,
      lastUpdate: p.status === 'Done' ? p.end : addDays(p.end, -2),
    };
  }
  writeFileSync(JSON_FILE, `${JSON.stringify(data, null, 2)}\n`);
  console.log(
    `Wrote ${rows.length} deals to ${CSV_FILE} (${result.projects.length} projects matched, ${result.unmatched.length} campaigns unmatched) and the actuals of the Active and Done campaigns to ${JSON_FILE}. Run npx prettier --write ${JSON_FILE}.`,
  );
}

main();
