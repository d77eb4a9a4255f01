/**
 * Export headers as Salesforce and HubSpot write them (see the sources cited in
 * src/core/crm/layouts.ts), shared by the unit, workbook and bundle tests of the CRM import.
 */

/** A Salesforce opportunity report's columns (the campaign as "Primary Campaign Source"). */
export const SALESFORCE_DEAL_HEADER = [
  'Opportunity ID',
  'Opportunity Name',
  'Amount',
  'Stage',
  'Close Date',
  'Created Date',
  'Won',
  'Closed',
  'Primary Campaign Source',
] as const;

/** A Salesforce campaign report with the current field labels ("… in Campaign"). */
export const SALESFORCE_CAMPAIGN_LABELS = [
  'Campaign Name',
  'Actual Cost in Campaign',
  'Budgeted Cost in Campaign',
  'Opportunities in Campaign',
  'Won Opportunities in Campaign',
  'Value Opportunities in Campaign',
  'Value Won Opportunities in Campaign',
] as const;
