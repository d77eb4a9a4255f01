/**
 * A CRM export's rows → deals or campaign rows. Every cell is read once; a cell that cannot be
 * read is a problem naming its row and column, and the row is left out (never half counted).
 * A currency column (or amounts written with a currency) holding more than one currency is
 * refused: amounts in different currencies are never added up.
 */
import {
  closestLayout,
  crmHeaderKey,
  expectedHeaders,
  recognise,
  type CampaignField,
  type DealField,
  type Layout,
  type Recognised,
} from './layouts';
import {
  isBlankCell,
  readAmount,
  readDate,
  readFlag,
  readNumber,
  stageOutcome,
  type CrmCell,
  type Outcome,
  type Read,
} from './values';

export interface Deal {
  /** 0-based index of the data row (the row after the header is 0). */
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly campaign: string;
  /** null: the deal has no amount (reported; counted as a deal, not in the sums). */
  readonly amount: number | null;
  readonly outcome: Outcome;
  readonly closeDate: string | null;
  readonly createdDate: string | null;
  readonly owner: string;
}

export interface CampaignRow {
  readonly index: number;
  readonly campaign: string;
  readonly campaignId: string;
  readonly actualCost: number | null;
  readonly budgetedCost: number | null;
  readonly opportunities: number | null;
  readonly wonOpportunities: number | null;
  readonly amountAll: number | null;
  readonly amountWon: number | null;
}

export interface RowProblem {
  readonly index: number;
  /** The layout's field, e.g. "amount". */
  readonly field: string;
  /** Header text as it is in the export. */
  readonly column: string;
  /** 0-based column in the export. */
  readonly col: number;
  readonly value: CrmCell;
  readonly message: string;
}

export type CrmRows =
  | { readonly rows: 'deals'; readonly layout: Layout; readonly deals: Deal[] }
  | { readonly rows: 'campaigns'; readonly layout: Layout; readonly campaigns: CampaignRow[] };

export type CrmParse = CrmRows & {
  readonly problems: RowProblem[];
  /** The one currency of the export, when it names one. */
  readonly currency: string | null;
  /** The layout's field → 0-based column of the export. */
  readonly columns: ReadonlyMap<string, number>;
};

/** Why an export cannot be imported at all: nothing is written. */
export class CrmLayoutError extends Error {
  override name = 'CrmLayoutError';
}

export interface ParseOptions {
  readonly dateKey: (d: Date) => string;
}

/** The message for a header row no layout recognises: what each layout expects. */
export function unrecognisedMessage(header: readonly unknown[]): string {
  const close = closestLayout(header);
  const seen = header.filter((h) => !isBlankCell(h as CrmCell)).length;
  return `The header row is not one Portfolio Pilot recognises${seen ? ` (closest: a ${close.layout.label}, which also needs ${close.missing.join(', ')})` : ' (it is blank)'}. Expected headers — ${expectedHeaders()}. Export the report with these columns (any order), or rename your headers.`;
}

/** Reads an export: `values[0]` is the header row. Throws CrmLayoutError when it cannot. */
export function parseCrmRows(
  values: readonly (readonly CrmCell[])[],
  opts: ParseOptions,
): CrmParse {
  const header = values[0] ?? [];
  const found = recognise(header);
  if (!found) throw new CrmLayoutError(unrecognisedMessage(header));
  const body = values.slice(1);
  const problems: RowProblem[] = [];
  const currencies = new Map<string, number>();
  const reader = new CellReader(found, header, problems);
  const noteCurrency = (c: string | null): void => {
    if (c) currencies.set(c, (currencies.get(c) ?? 0) + 1);
  };
  let parsed: CrmRows;
  if (found.layout.rows === 'deals') {
    const deals: Deal[] = [];
    body.forEach((row, index) => {
      if (row.every((c) => isBlankCell(c))) return;
      const d = readDeal(reader as CellReader<DealField>, row, index, opts, noteCurrency);
      if (d) deals.push(d);
    });
    parsed = { rows: 'deals', layout: found.layout, deals };
  } else {
    const campaigns: CampaignRow[] = [];
    body.forEach((row, index) => {
      if (row.every((c) => isBlankCell(c))) return;
      const c = readCampaign(reader as CellReader<CampaignField>, row, index, noteCurrency);
      if (c) campaigns.push(c);
    });
    parsed = { rows: 'campaigns', layout: found.layout, campaigns };
  }
  if (currencies.size > 1) {
    const list = [...currencies.entries()].map(([c, n]) => `${c} (${n} row${n === 1 ? '' : 's'})`);
    throw new CrmLayoutError(
      `The export mixes currencies: ${list.join(', ')}. Portfolio Pilot does not add up amounts in different currencies. Add the amount in one currency to the report — "Amount (converted)" in Salesforce, "Amount in company currency" in HubSpot; Portfolio Pilot then sums that column — or filter the report to one currency.`,
    );
  }
  return {
    ...parsed,
    problems,
    currency: [...currencies.keys()][0] ?? null,
    columns: found.columns,
  };
}

/** Reads the cells of one row by field, recording problems against the row. */
class CellReader<F extends string> {
  private readonly cols: ReadonlyMap<F, number>;
  constructor(
    found: Recognised,
    private readonly header: readonly unknown[],
    private readonly problems: RowProblem[],
  ) {
    this.cols = found.columns as ReadonlyMap<F, number>;
  }

  has(field: F): boolean {
    return this.cols.has(field);
  }

  cell(row: readonly CrmCell[], field: F): CrmCell | undefined {
    const col = this.cols.get(field);
    return col === undefined ? undefined : row[col];
  }

  text(row: readonly CrmCell[], field: F): string {
    const v = this.cell(row, field);
    if (v === undefined || isBlankCell(v)) return '';
    return typeof v === 'string' ? v.trim() : String(v);
  }

  /** The value, or undefined after recording the problem. */
  read<T>(row: readonly CrmCell[], index: number, field: F, r: Read<T>): T | null | undefined {
    if (r.ok) return r.value;
    const col = this.cols.get(field) as number;
    this.problems.push({
      index,
      field,
      column: typeof this.header[col] === 'string' ? this.header[col] : field,
      col,
      value: row[col] ?? '',
      message: r.error,
    });
    return undefined;
  }
}

function readDeal(
  r: CellReader<DealField>,
  row: readonly CrmCell[],
  index: number,
  opts: ParseOptions,
  noteCurrency: (c: string | null) => void,
): Deal | null {
  // A converted amount (corporate or company currency) is preferred: it is in one currency.
  const converted = r.has('convertedAmount');
  const amountField = converted ? 'convertedAmount' : 'amount';
  const amount = r.read(row, index, amountField, readAmount(r.cell(row, amountField)));
  const closeDate = r.read(
    row,
    index,
    'closeDate',
    readDate(r.cell(row, 'closeDate'), opts.dateKey),
  );
  const createdDate = r.read(
    row,
    index,
    'createdDate',
    readDate(r.cell(row, 'createdDate'), opts.dateKey),
  );
  let outcome: Outcome | null | undefined = stageOutcome(r.cell(row, 'stage'));
  if (r.has('won') || r.has('closed')) {
    const won = r.read(row, index, 'won', readFlag(r.cell(row, 'won')));
    const closed = r.read(row, index, 'closed', readFlag(r.cell(row, 'closed')));
    if (won === undefined || closed === undefined) outcome = undefined;
    // Blank Won/Closed: the stage says ("Closed Won", "Closed Lost", else open).
    else if (won !== null || closed !== null) outcome = won ? 'won' : closed ? 'lost' : 'open';
  }
  // Every row's currency counts, even a row left out for another cell: mixed is mixed.
  const currency = r.has('currency') ? r.text(row, 'currency').toUpperCase() || null : null;
  if (!converted) noteCurrency(currency ?? amount?.currency ?? null);
  if (amount === undefined || closeDate === undefined || createdDate === undefined) return null;
  if (outcome === undefined) return null;
  return {
    index,
    id: r.text(row, 'id'),
    name: r.text(row, 'name'),
    campaign: r.text(row, 'campaign'),
    amount: amount === null ? null : amount.amount,
    outcome: outcome ?? 'open',
    closeDate,
    createdDate,
    owner: r.text(row, 'owner'),
  };
}

function readCampaign(
  r: CellReader<CampaignField>,
  row: readonly CrmCell[],
  index: number,
  noteCurrency: (c: string | null) => void,
): CampaignRow | null {
  const num = (field: CampaignField): number | null | undefined =>
    r.has(field) ? r.read(row, index, field, readNumber(r.cell(row, field))) : null;
  const actualCost = r.read(row, index, 'actualCost', readAmount(r.cell(row, 'actualCost')));
  const values = {
    budgetedCost: num('budgetedCost'),
    opportunities: num('opportunities'),
    wonOpportunities: num('wonOpportunities'),
    amountAll: num('amountAll'),
    amountWon: num('amountWon'),
  };
  const currency = r.has('currency') ? r.text(row, 'currency').toUpperCase() || null : null;
  noteCurrency(currency ?? actualCost?.currency ?? null);
  if (actualCost === undefined || Object.values(values).some((v) => v === undefined)) return null;
  return {
    index,
    campaign: r.text(row, 'campaign'),
    campaignId: r.text(row, 'campaignId'),
    actualCost: actualCost === null ? null : actualCost.amount,
    budgetedCost: values.budgetedCost ?? null,
    opportunities: values.opportunities ?? null,
    wonOpportunities: values.wonOpportunities ?? null,
    amountAll: values.amountAll ?? null,
    amountWon: values.amountWon ?? null,
  };
}

/**
 * Where the header row is: the first of the first `scan` rows a layout recognises (a formatted
 * report has a title and filters above its header). 0 when none does.
 */
export function findHeaderRow(values: readonly (readonly CrmCell[])[], scan = 15): number {
  for (let i = 0; i < Math.min(scan, values.length); i++) {
    if (recognise(values[i] ?? [])) return i;
  }
  return 0;
}

export { crmHeaderKey };
