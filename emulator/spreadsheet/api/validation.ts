/**
 * SpreadsheetApp.newDataValidation() and the DataValidation it builds (APPS_SCRIPT_FACTS §6):
 * criteria and their values read back as set (a VALUE_IN_RANGE source as a Range, dates as
 * Dates), allowInvalid defaults to true (warn), help text null until set.
 */
import { Anchor } from '../model/anchor';
import type { ValidationCriteria, ValidationRule } from '../model/validation';
import { VALIDATION_CRITERIA } from '../model/validation';
import { isDate } from '../time';
import { badParameters, enumName, enumValue, type Env, type Facade, text, bool } from './env';
import { makeRange, rangeModelOf } from './range';

type GasRule = GoogleAppsScript.Spreadsheet.DataValidation;
type GasBuilder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;

const B = 'SpreadsheetApp.DataValidationBuilder';

/** Dates are copied (any realm → this one); ranges become anchors. */
function storeArg(v: unknown, method: string): unknown {
  if (isDate(v)) return new Date(v.getTime());
  if (Array.isArray(v)) return (v as unknown[]).map((x) => storeArg(x, method));
  const range = rangeModelOf(v);
  if (range) return new Anchor(range.sheet, range.rect);
  if (v !== null && typeof v === 'object') throw badParameters(method, [v]);
  return v;
}

function readArg(env: Env, v: unknown): unknown {
  if (v instanceof Anchor) return makeRange(env, v.sheet, v.rect);
  if (isDate(v)) return env.newDate(v.getTime());
  if (Array.isArray(v)) return (v as unknown[]).map((x) => readArg(env, x));
  return v;
}

/** The DataValidation methods implemented here (signatures checked against @types/google-apps-script). */
type DataValidationMethods =
  'copy' | 'getAllowInvalid' | 'getCriteriaType' | 'getCriteriaValues' | 'getHelpText';

export class DataValidationApi
  implements Facade, Pick<GoogleAppsScript.Spreadsheet.DataValidation, DataValidationMethods>
{
  self: unknown;
  constructor(
    private readonly env: Env,
    readonly rule: ValidationRule,
  ) {}
  getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria {
    return enumValue(this.rule.criteria);
  }
  getCriteriaValues(): unknown[] {
    return this.rule.args.map((a) => readArg(this.env, a));
  }
  /** null when no help text was set (the typings say string). */
  getHelpText(): string {
    return this.rule.helpText as string;
  }
  getAllowInvalid(): boolean {
    return this.rule.allowInvalid;
  }
  copy(): GasBuilder {
    return makeValidationBuilder(this.env, this.rule);
  }
}

export function makeDataValidation(env: Env, rule: ValidationRule): GasRule {
  return env.wrap(new DataValidationApi(env, rule), 'DataValidation');
}

/** The rule behind a DataValidation this emulator built. */
export function validationModelOf(x: unknown): ValidationRule | undefined {
  return x instanceof DataValidationApi ? x.rule : undefined;
}

/** The DataValidationBuilder methods implemented here (signatures checked against @types/google-apps-script). */
type DataValidationBuilderMethods =
  | 'build'
  | 'copy'
  | 'getAllowInvalid'
  | 'getCriteriaType'
  | 'getCriteriaValues'
  | 'getHelpText'
  | 'requireCheckbox'
  | 'requireDate'
  | 'requireDateAfter'
  | 'requireDateBefore'
  | 'requireDateBetween'
  | 'requireDateEqualTo'
  | 'requireDateNotBetween'
  | 'requireDateOnOrAfter'
  | 'requireDateOnOrBefore'
  | 'requireFormulaSatisfied'
  | 'requireNumberBetween'
  | 'requireNumberEqualTo'
  | 'requireNumberGreaterThan'
  | 'requireNumberGreaterThanOrEqualTo'
  | 'requireNumberLessThan'
  | 'requireNumberLessThanOrEqualTo'
  | 'requireNumberNotBetween'
  | 'requireNumberNotEqualTo'
  | 'requireTextContains'
  | 'requireTextDoesNotContain'
  | 'requireTextEqualTo'
  | 'requireTextIsEmail'
  | 'requireTextIsUrl'
  | 'requireValueInList'
  | 'requireValueInRange'
  | 'setAllowInvalid'
  | 'setHelpText'
  | 'withCriteria';

export class DataValidationBuilderApi
  implements
    Facade,
    Pick<GoogleAppsScript.Spreadsheet.DataValidationBuilder, DataValidationBuilderMethods>
{
  self: unknown;
  private criteria: ValidationCriteria | undefined;
  private args: unknown[] = [];
  private allowInvalid = true;
  private helpText: string | null = null;

  constructor(
    private readonly env: Env,
    from?: ValidationRule,
  ) {
    if (from) {
      this.criteria = from.criteria;
      this.args = [...from.args];
      this.allowInvalid = from.allowInvalid;
      this.helpText = from.helpText;
    }
  }

  private get me(): GasBuilder {
    return this.self as GasBuilder;
  }

  private set(criteria: ValidationCriteria, method: string, args: unknown[]): GasBuilder {
    this.criteria = criteria;
    this.args = args.map((a) => storeArg(a, `${B}.${method}`));
    return this.me;
  }

  build(): GasRule {
    if (this.criteria === undefined)
      throw new Error(
        'The data validation rule has no criteria: call one of the require… methods first.',
      );
    return makeDataValidation(this.env, {
      criteria: this.criteria,
      args: [...this.args],
      allowInvalid: this.allowInvalid,
      helpText: this.helpText,
    });
  }
  copy(): GasBuilder {
    const b = new DataValidationBuilderApi(this.env);
    b.criteria = this.criteria;
    b.args = [...this.args];
    b.allowInvalid = this.allowInvalid;
    b.helpText = this.helpText;
    return this.env.wrap(b, 'DataValidationBuilder');
  }
  getAllowInvalid(): boolean {
    return this.allowInvalid;
  }
  getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria {
    return enumValue(this.criteria ?? '');
  }
  getCriteriaValues(): unknown[] {
    return this.args.map((a) => readArg(this.env, a));
  }
  getHelpText(): string | null {
    return this.helpText;
  }
  /** true (default): invalid input only warns; false: it is rejected. */
  setAllowInvalid(allowInvalidData: boolean): GasBuilder {
    this.allowInvalid = bool(allowInvalidData);
    return this.me;
  }
  setHelpText(helpText: string): GasBuilder {
    this.helpText = text(helpText);
    return this.me;
  }
  withCriteria(criteria: unknown, args: unknown[]): GasBuilder {
    const name = enumName(criteria);
    if (!(VALIDATION_CRITERIA as readonly string[]).includes(name))
      throw badParameters(`${B}.withCriteria`, [criteria, args]);
    return this.set(name as ValidationCriteria, 'withCriteria', [...args]);
  }
  /** A dropdown of the given texts; getCriteriaValues() → [values, showDropdown]. */
  requireValueInList(values: string[], showDropdown = true): GasBuilder {
    if (!Array.isArray(values)) throw badParameters(`${B}.requireValueInList`, [values]);
    return this.set('VALUE_IN_LIST', 'requireValueInList', [
      values.map(String),
      bool(showDropdown),
    ]);
  }
  requireValueInRange(range: GoogleAppsScript.Spreadsheet.Range, showDropdown = true): GasBuilder {
    if (!rangeModelOf(range)) throw badParameters(`${B}.requireValueInRange`, [range]);
    return this.set('VALUE_IN_RANGE', 'requireValueInRange', [range, bool(showDropdown)]);
  }
  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): GasBuilder {
    const args =
      checkedValue === undefined
        ? []
        : uncheckedValue === undefined
          ? [checkedValue]
          : [checkedValue, uncheckedValue];
    return this.set('CHECKBOX', 'requireCheckbox', args);
  }
  requireDate(): GasBuilder {
    return this.set('DATE_IS_VALID_DATE', 'requireDate', []);
  }
  requireDateAfter(date: Date): GasBuilder {
    return this.set('DATE_AFTER', 'requireDateAfter', [date]);
  }
  requireDateBefore(date: Date): GasBuilder {
    return this.set('DATE_BEFORE', 'requireDateBefore', [date]);
  }
  requireDateBetween(start: Date, end: Date): GasBuilder {
    return this.set('DATE_BETWEEN', 'requireDateBetween', [start, end]);
  }
  requireDateEqualTo(date: Date): GasBuilder {
    return this.set('DATE_EQUAL_TO', 'requireDateEqualTo', [date]);
  }
  requireDateNotBetween(start: Date, end: Date): GasBuilder {
    return this.set('DATE_NOT_BETWEEN', 'requireDateNotBetween', [start, end]);
  }
  requireDateOnOrAfter(date: Date): GasBuilder {
    return this.set('DATE_ON_OR_AFTER', 'requireDateOnOrAfter', [date]);
  }
  requireDateOnOrBefore(date: Date): GasBuilder {
    return this.set('DATE_ON_OR_BEFORE', 'requireDateOnOrBefore', [date]);
  }
  requireFormulaSatisfied(formula: string): GasBuilder {
    return this.set('CUSTOM_FORMULA', 'requireFormulaSatisfied', [text(formula)]);
  }
  /** Inclusive of both ends. */
  requireNumberBetween(start: number, end: number): GasBuilder {
    return this.set('NUMBER_BETWEEN', 'requireNumberBetween', [start, end]);
  }
  requireNumberNotBetween(start: number, end: number): GasBuilder {
    return this.set('NUMBER_NOT_BETWEEN', 'requireNumberNotBetween', [start, end]);
  }
  requireNumberEqualTo(n: number): GasBuilder {
    return this.set('NUMBER_EQUAL_TO', 'requireNumberEqualTo', [n]);
  }
  requireNumberNotEqualTo(n: number): GasBuilder {
    return this.set('NUMBER_NOT_EQUAL_TO', 'requireNumberNotEqualTo', [n]);
  }
  requireNumberGreaterThan(n: number): GasBuilder {
    return this.set('NUMBER_GREATER_THAN', 'requireNumberGreaterThan', [n]);
  }
  requireNumberGreaterThanOrEqualTo(n: number): GasBuilder {
    return this.set('NUMBER_GREATER_THAN_OR_EQUAL_TO', 'requireNumberGreaterThanOrEqualTo', [n]);
  }
  requireNumberLessThan(n: number): GasBuilder {
    return this.set('NUMBER_LESS_THAN', 'requireNumberLessThan', [n]);
  }
  requireNumberLessThanOrEqualTo(n: number): GasBuilder {
    return this.set('NUMBER_LESS_THAN_OR_EQUAL_TO', 'requireNumberLessThanOrEqualTo', [n]);
  }
  requireTextContains(value: string): GasBuilder {
    return this.set('TEXT_CONTAINS', 'requireTextContains', [text(value)]);
  }
  requireTextDoesNotContain(value: string): GasBuilder {
    return this.set('TEXT_DOES_NOT_CONTAIN', 'requireTextDoesNotContain', [text(value)]);
  }
  requireTextEqualTo(value: string): GasBuilder {
    return this.set('TEXT_EQUAL_TO', 'requireTextEqualTo', [text(value)]);
  }
  requireTextIsEmail(): GasBuilder {
    return this.set('TEXT_IS_VALID_EMAIL', 'requireTextIsEmail', []);
  }
  requireTextIsUrl(): GasBuilder {
    return this.set('TEXT_IS_VALID_URL', 'requireTextIsUrl', []);
  }
}

export function makeValidationBuilder(env: Env, from?: ValidationRule): GasBuilder {
  return env.wrap(new DataValidationBuilderApi(env, from), 'DataValidationBuilder');
}
