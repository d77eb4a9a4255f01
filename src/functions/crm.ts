import { formula } from './guard';
import { dealTotals } from '../core/crm/actuals';
import { expectedHeaders } from '../core/crm/layouts';
import { CrmLayoutError, findHeaderRow, parseCrmRows } from '../core/crm/rows';
import { FormulaContext } from './args';
import { isBlank, quote, type Cell } from './cells';

/**
 * Actuals of one project from a CRM deals export: won revenue, pipeline, deals won and deals
 * lost of the deals whose campaign (Primary Campaign Source in Salesforce, Campaign in HubSpot)
 * is `key`, ignoring case and spaces. `deals_range` includes its header row; a Salesforce
 * opportunity report or a HubSpot deals export is recognised by its headers.
 *
 * @param {any[][]} deals_range The deals with their header row, e.g. 'CRM export'!A1:K.
 * @param {string[][]} key The campaign of one project (or a column of them), e.g. B2.
 * @return {any[][]} One row per key: won revenue, pipeline, deals won, deals lost.
 * @customfunction
 */
export function CRM_ACTUALS(deals_range: unknown, key: unknown): (number | string)[][] {
  return formula('CRM_ACTUALS', () => {
    const ctx: FormulaContext = new FormulaContext('CRM_ACTUALS');
    const grid = ctx.grid('deals_range', deals_range, true, "'CRM export'!A1:K") as Cell[][];
    const keyGrid = ctx.grid('key', key, true, 'B2') as Cell[][];
    const keys = ctx.vector('key', keyGrid).cells;
    const start = findHeaderRow(grid);
    let parsed;
    try {
      // Dates are not needed for the totals; a Date cell reads as its UTC calendar date.
      parsed = parseCrmRows(grid.slice(start), { dateKey: (d) => d.toISOString().slice(0, 10) });
    } catch (e) {
      if (e instanceof CrmLayoutError) ctx.fail(`deals_range: ${e.message}`);
      throw e;
    }
    if (parsed.rows !== 'deals')
      ctx.fail(
        `deals_range is a ${parsed.layout.label}, which has no deal rows. Pass the deals: ${expectedHeaders().split('; ').slice(0, 2).join('; ')}.`,
      );
    // Dates only place deals in months: the totals need the amounts and whether a deal is closed.
    const bad = parsed.problems.find((p) =>
      ['amount', 'convertedAmount', 'won', 'closed'].includes(p.field),
    );
    if (bad)
      ctx.fail(
        `deals_range row ${start + bad.index + 2}, column ${bad.column} is ${quote(bad.value)}: ${bad.message.replace(/^is /, 'it is ')}`,
      );
    return keys.map((k) => {
      if (isBlank(k)) return ['', '', '', ''];
      const t = dealTotals(parsed.deals, String(k));
      return [t.won, t.pipeline, t.dealsWon, t.dealsLost];
    });
  });
}
