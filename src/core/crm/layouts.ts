/**
 * The CRM export layouts Import CRM actuals and CRM_ACTUALS recognise, by header (any order,
 * case and spaces ignored, with the aliases below).
 *
 * Labels come from the vendors' documentation:
 *   - Salesforce Opportunity fields (Field Reference, "Opportunity"): Opportunity ID, Opportunity
 *     Name, Amount, Stage, Close Date, Created Date, Won (IsWon), Closed (IsClosed), Opportunity
 *     Currency (CurrencyIsoCode), Campaign ID; an opportunity report shows the campaign as
 *     "Primary Campaign Source".
 *     https://developer.salesforce.com/docs/atlas.en-us.228.0.sfFieldRef.meta/sfFieldRef/salesforce_field_reference_Opportunity.htm
 *   - Salesforce Campaign fields (Object Reference, "Campaign", and the Field Reference): ActualCost
 *     "Actual Cost in Campaign" (older: "Actual Cost"), BudgetedCost "Budgeted Cost in Campaign",
 *     NumberOfOpportunities "Opportunities in Campaign" (older: "Num Total Opportunities"),
 *     NumberOfWonOpportunities "Won Opportunities in Campaign" (older: "Num Won Opportunities"),
 *     AmountAllOpportunities "Value Opportunities in Campaign" (older: "Total Value
 *     Opportunities"), AmountWonOpportunities "Value Won Opportunities in Campaign" (older:
 *     "Total Value Won Opportunities"), Id "Campaign ID", Name "Campaign Name".
 *     https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-campaign.html
 *     https://developer.salesforce.com/docs/platform/field-reference/references/field-reference/salesforce-field-reference-campaign.html
 *   - HubSpot deals export (an index-page view exported to CSV/XLSX, "HubSpot's default deal
 *     properties"): Record ID, Deal Name, Amount, Deal Stage, Close Date, Create Date, Deal owner,
 *     Currency; the closed stages of the default pipeline are "Closed Won" and "Closed Lost".
 *     https://knowledge.hubspot.com/crm-deals/hubspots-default-deal-properties
 */

export type DealField =
  | 'id'
  | 'name'
  | 'amount'
  | 'convertedAmount'
  | 'stage'
  | 'closeDate'
  | 'createdDate'
  | 'won'
  | 'closed'
  | 'campaign'
  | 'currency'
  | 'owner';

export type CampaignField =
  | 'campaign'
  | 'campaignId'
  | 'actualCost'
  | 'budgetedCost'
  | 'opportunities'
  | 'wonOpportunities'
  | 'amountAll'
  | 'amountWon'
  | 'currency';

export interface FieldSpec<F extends string> {
  readonly key: F;
  readonly header: string;
  readonly aliases: readonly string[];
  readonly required: boolean;
}

export type LayoutKind = 'salesforce-opportunities' | 'hubspot-deals' | 'salesforce-campaigns';

export interface Layout<F extends string = string> {
  readonly kind: LayoutKind;
  /** How the layout is named to the user. */
  readonly label: string;
  readonly rows: 'deals' | 'campaigns';
  readonly fields: readonly FieldSpec<F>[];
  /** Groups of fields of which at least one must be present (e.g. campaign name or ID). */
  readonly anyOf?: readonly (readonly F[])[];
}

const f = <F extends string>(
  key: F,
  header: string,
  aliases: readonly string[],
  required = true,
): FieldSpec<F> => ({ key, header, aliases, required });

const CURRENCY_ALIASES = ['Currency', 'Currency ISO Code', 'Amount Currency'];

export const SALESFORCE_OPPORTUNITIES: Layout<DealField> = {
  kind: 'salesforce-opportunities',
  label: 'Salesforce opportunity report',
  rows: 'deals',
  fields: [
    f('id', 'Opportunity ID', ['Opportunity Id', 'Opp ID']),
    f('name', 'Opportunity Name', ['Opportunity']),
    f('amount', 'Amount', ['Opportunity Amount'], false),
    // In a multi-currency org: the amount in the corporate currency (then Currency is not summed).
    f('convertedAmount', 'Amount (converted)', ['Opportunity Amount (converted)'], false),
    f('stage', 'Stage', ['Stage Name', 'Opportunity Stage']),
    f('closeDate', 'Close Date', []),
    f('createdDate', 'Created Date', ['Opportunity Created Date']),
    f('won', 'Won', ['Is Won', 'IsWon']),
    f('closed', 'Closed', ['Is Closed', 'IsClosed']),
    f('campaign', 'Primary Campaign Source', [
      'Campaign Name',
      'Campaign',
      'Primary Campaign',
      'Campaign ID',
    ]),
    f('currency', 'Opportunity Currency', CURRENCY_ALIASES, false),
    f('owner', 'Opportunity Owner', ['Owner', 'Owner Name'], false),
  ],
  anyOf: [['amount', 'convertedAmount']],
};

export const HUBSPOT_DEALS: Layout<DealField> = {
  kind: 'hubspot-deals',
  label: 'HubSpot deals export',
  rows: 'deals',
  fields: [
    f('id', 'Record ID', ['Deal ID', 'Record ID - Deal']),
    f('name', 'Deal Name', ['Dealname']),
    f('amount', 'Amount', [], false),
    // In a multi-currency account: the amount in the company currency.
    f('convertedAmount', 'Amount in company currency', ['Amount in home currency'], false),
    f('stage', 'Deal Stage', ['Dealstage']),
    f('closeDate', 'Close Date', ['Closedate']),
    f('createdDate', 'Create Date', ['Createdate', 'Created Date']),
    f('campaign', 'Campaign', [
      'Associated Campaign',
      'HubSpot Campaign',
      'Campaign Name',
      'Primary Campaign Source',
    ]),
    f('currency', 'Currency', ['Deal Currency Code', 'Deal Currency'], false),
    f('owner', 'Deal Owner', ['Owner'], false),
  ],
  anyOf: [['amount', 'convertedAmount']],
};

export const SALESFORCE_CAMPAIGNS: Layout<CampaignField> = {
  kind: 'salesforce-campaigns',
  label: 'Salesforce campaign report',
  rows: 'campaigns',
  fields: [
    f('campaign', 'Campaign Name', ['Campaign', 'Name'], false),
    f('campaignId', 'Campaign ID', ['Id'], false),
    f('actualCost', 'Actual Cost', ['Actual Cost in Campaign', 'ActualCost']),
    f('budgetedCost', 'Budgeted Cost', ['Budgeted Cost in Campaign', 'BudgetedCost'], false),
    f(
      'opportunities',
      'Num Total Opportunities',
      ['Opportunities in Campaign', 'Total Opportunities', 'NumberOfOpportunities'],
      false,
    ),
    f(
      'wonOpportunities',
      'Num Won Opportunities',
      ['Won Opportunities in Campaign', 'Won Opportunities', 'NumberOfWonOpportunities'],
      false,
    ),
    f(
      'amountAll',
      'Total Value Opportunities',
      ['Value Opportunities in Campaign', 'Value Opportunities', 'AmountAllOpportunities'],
      false,
    ),
    f(
      'amountWon',
      'Total Value Won Opportunities',
      ['Value Won Opportunities in Campaign', 'Value Won Opportunities', 'AmountWonOpportunities'],
      false,
    ),
    f('currency', 'Campaign Currency', CURRENCY_ALIASES, false),
  ],
  anyOf: [['campaign', 'campaignId']],
};

export const LAYOUTS: readonly Layout[] = [
  SALESFORCE_OPPORTUNITIES,
  HUBSPOT_DEALS,
  SALESFORCE_CAMPAIGNS,
];

/** Headers match case- and space-insensitively, as every header of the workbook does. */
export function crmHeaderKey(text: unknown): string {
  return typeof text === 'string' ? text.toLowerCase().replace(/\s+/g, '') : '';
}

export interface Recognised<F extends string = string> {
  readonly layout: Layout<F>;
  /** Field → 0-based column. */
  readonly columns: ReadonlyMap<F, number>;
}

/** The columns of `layout` found in `header`, and the required ones missing. */
export function matchLayout<F extends string>(
  layout: Layout<F>,
  header: readonly unknown[],
): { columns: Map<F, number>; missing: string[] } {
  const at = new Map<string, number>();
  header.forEach((h, i) => {
    const k = crmHeaderKey(h);
    if (k && !at.has(k)) at.set(k, i);
  });
  const columns = new Map<F, number>();
  const missing: string[] = [];
  for (const field of layout.fields) {
    const col = [field.header, ...field.aliases]
      .map((h) => at.get(crmHeaderKey(h)))
      .find((c) => c !== undefined);
    if (col !== undefined) columns.set(field.key, col);
    else if (field.required) missing.push(field.header);
  }
  for (const group of layout.anyOf ?? []) {
    if (!group.some((k) => columns.has(k)))
      missing.push(
        group.map((k) => layout.fields.find((x) => x.key === k)?.header ?? k).join(' or '),
      );
  }
  return { columns, missing };
}

/** The first layout whose required headers are all in `header`, or undefined. */
export function recognise(header: readonly unknown[]): Recognised | undefined {
  for (const layout of LAYOUTS) {
    const m = matchLayout(layout, header);
    if (m.missing.length === 0) return { layout, columns: m.columns };
  }
  return undefined;
}

/**
 * What each layout expects, for the message when none is recognised: the required headers in
 * the layout's order, a group of alternatives ("Amount or Amount (converted)") at its first place.
 */
export function expectedHeaders(layouts: readonly Layout[] = LAYOUTS): string {
  return layouts
    .map((l) => {
      const names: string[] = [];
      for (const field of l.fields) {
        const group = (l.anyOf ?? []).find((g) => g.includes(field.key));
        if (group && group[0] === field.key)
          names.push(group.map((k) => l.fields.find((x) => x.key === k)?.header ?? k).join(' or '));
        else if (!group && field.required) names.push(field.header);
      }
      return `${l.label}: ${names.join(', ')}`;
    })
    .join('; ');
}

/** The layout closest to `header` (fewest required headers missing) and what it lacks. */
export function closestLayout(header: readonly unknown[]): { layout: Layout; missing: string[] } {
  let best: { layout: Layout; missing: string[] } | undefined;
  for (const layout of LAYOUTS) {
    const { missing } = matchLayout(layout, header);
    if (!best || missing.length < best.missing.length) best = { layout, missing };
  }
  return best as { layout: Layout; missing: string[] };
}
