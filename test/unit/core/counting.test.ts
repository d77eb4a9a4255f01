import { describe, expect, it } from 'vitest';
import {
  APPROVED_PLAN,
  COMMITTED_RULE,
  SELECTED_PLAN,
  committedRule,
  describeRule,
  isCounted,
} from '../../../src/core/counting';
import { daysBetween, dayNumber, isoDateOf, isPeriod } from '../../../src/core/dates';
import { matchKey } from '../../../src/core/keys';

describe('counting rule', () => {
  it('counts Approved and Active, and Selected unless paused or closed', () => {
    const c = (status: Parameters<typeof isCounted>[0]['status'], selected: boolean | null) =>
      isCounted({ status, selected }, COMMITTED_RULE);
    expect(c('Approved', null)).toBe(true);
    expect(c('Active', false)).toBe(true);
    expect(c('Proposed', null)).toBe(false);
    expect(c('Proposed', true)).toBe(true);
    expect(c(null, true)).toBe(true);
    expect(c('On hold', true)).toBe(false);
    expect(c('Rejected', true)).toBe(false);
    expect(c('Done', true)).toBe(false);
    expect(
      isCounted(
        { status: 'Proposed', selected: true },
        { ...COMMITTED_RULE, includeSelected: false },
      ),
    ).toBe(false);
  });

  it('makes the selection the plan once one exists', () => {
    expect(committedRule([{ selected: null }, { selected: false }])).toBe(APPROVED_PLAN);
    expect(committedRule([{ selected: null }, { selected: true }])).toBe(SELECTED_PLAN);
    expect(isCounted({ status: 'Approved', selected: false }, SELECTED_PLAN)).toBe(false);
    expect(isCounted({ status: 'Active', selected: false }, SELECTED_PLAN)).toBe(true);
    expect(describeRule(SELECTED_PLAN)).toBe(
      'Status Active, or Selected and not On hold or closed',
    );
    expect(describeRule(APPROVED_PLAN)).toBe('Status Approved or Active');
  });

  it('says the rule in words', () => {
    expect(describeRule(COMMITTED_RULE)).toBe(
      'Status Approved or Active, or Selected and not On hold or closed',
    );
    expect(describeRule({ statuses: ['Active'], includeSelected: false })).toBe('Status Active');
    expect(describeRule({ statuses: ['Approved', 'Active', 'Done'], includeSelected: false })).toBe(
      'Status Approved, Active or Done',
    );
    expect(describeRule({ statuses: [], includeSelected: true })).toBe(
      'Selected and not On hold or closed',
    );
  });
});

describe('dates and keys', () => {
  it('reads only real calendar dates and months', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2028-02-29')).not.toBeNull();
    expect(dayNumber('2027-02-29')).toBeNull();
    expect(dayNumber('2027-2-3')).toBeNull();
    expect(isoDateOf(dayNumber('2027-03-31')!)).toBe('2027-03-31');
    expect(daysBetween('2027-02-27', '2027-03-01')).toBe(2);
    expect(daysBetween('2027-03-01', 'soon')).toBeNull();
    expect(isPeriod('2027-12')).toBe(true);
    expect(isPeriod('2027-13')).toBe(false);
    expect(isPeriod('Jan 2027')).toBe(false);
  });

  it('matches hand-typed names ignoring case and extra spaces', () => {
    expect(matchKey('  Marketing   Ops ')).toBe(matchKey('marketing ops'));
    expect(matchKey('AE')).not.toBe(matchKey('SE'));
  });
});
