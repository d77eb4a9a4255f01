/**
 * SpreadsheetApp.newConditionalFormatRule() and the rules it builds (APPS_SCRIPT_FACTS §6):
 * a boolean condition with a format (background, font colour, bold, …; null removes) or a
 * gradient (min/mid/max points with an InterpolationType), applied to ranges. Colours read back
 * as '#rrggbb'.
 */
import { normalizeColor } from '../colors';
import { MSG } from '../messages';
import { Anchor } from '../model/anchor';
import {
  BOOLEAN_CRITERIA,
  INTERPOLATION_TYPES,
  type BooleanCriteria,
  type BooleanRule,
  type CfFormat,
  type CfRuleModel,
  type GradientPoint,
  type GradientRule,
  type InterpolationType,
} from '../model/conditional';
import { isDate } from '../time';
import { badParameters, enumName, enumValue, type Env, type Facade, text } from './env';
import { makeRange, rangeModelOf } from './range';

type GasRule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
type GasBuilder = GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
type GasRange = GoogleAppsScript.Spreadsheet.Range;

const B = 'SpreadsheetApp.ConditionalFormatRuleBuilder';

function color(c: unknown): string | null {
  if (c === null || c === undefined || c === '') return null;
  const n = normalizeColor(text(c));
  if (n === undefined) throw new Error(MSG.invalidColor(text(c)));
  return n;
}

function copyRule(m: CfRuleModel): CfRuleModel {
  return {
    ranges: m.ranges.map((a) => a.copy()),
    condition: m.condition && { ...m.condition, values: [...m.condition.values] },
    gradient: m.gradient && { ...m.gradient },
  };
}

/** The BooleanCondition methods implemented here (signatures checked against @types/google-apps-script). */
type BooleanConditionMethods =
  | 'getBackground'
  | 'getBold'
  | 'getCriteriaType'
  | 'getCriteriaValues'
  | 'getFontColor'
  | 'getItalic'
  | 'getStrikethrough'
  | 'getUnderline';

class BooleanConditionApi
  implements Facade, Pick<GoogleAppsScript.Spreadsheet.BooleanCondition, BooleanConditionMethods>
{
  self: unknown;
  constructor(
    private readonly c: BooleanRule,
    private readonly newDate: (ms: number) => Date,
  ) {}
  getBackground(): string | null {
    return this.c.background ?? null;
  }
  getFontColor(): string | null {
    return this.c.fontColor ?? null;
  }
  getBold(): boolean | null {
    return this.c.bold ?? null;
  }
  getItalic(): boolean | null {
    return this.c.italic ?? null;
  }
  getStrikethrough(): boolean | null {
    return this.c.strikethrough ?? null;
  }
  getUnderline(): boolean | null {
    return this.c.underline ?? null;
  }
  getCriteriaType(): GoogleAppsScript.Spreadsheet.BooleanCriteria {
    return enumValue(this.c.criteria);
  }
  getCriteriaValues(): unknown[] {
    return this.c.values.map((v) => (isDate(v) ? this.newDate(v.getTime()) : v));
  }
}

/** The GradientCondition methods implemented here (signatures checked against @types/google-apps-script). */
type GradientConditionMethods =
  | 'getMaxColor'
  | 'getMaxType'
  | 'getMaxValue'
  | 'getMidColor'
  | 'getMidType'
  | 'getMidValue'
  | 'getMinColor'
  | 'getMinType'
  | 'getMinValue';

class GradientConditionApi
  implements Facade, Pick<GoogleAppsScript.Spreadsheet.GradientCondition, GradientConditionMethods>
{
  self: unknown;
  constructor(private readonly g: GradientRule) {}
  private point(p: GradientPoint | undefined): { color: string; type: unknown; value: string } {
    return { color: p?.color ?? '', type: p ? enumValue(p.type) : null, value: p?.value ?? '' };
  }
  getMinColor(): string {
    return this.point(this.g.min).color;
  }
  getMinType(): GoogleAppsScript.Spreadsheet.InterpolationType | null {
    return this.point(this.g.min).type as GoogleAppsScript.Spreadsheet.InterpolationType | null;
  }
  getMinValue(): string {
    return this.point(this.g.min).value;
  }
  getMidColor(): string {
    return this.point(this.g.mid).color;
  }
  getMidType(): GoogleAppsScript.Spreadsheet.InterpolationType | null {
    return this.point(this.g.mid).type as GoogleAppsScript.Spreadsheet.InterpolationType | null;
  }
  getMidValue(): string {
    return this.point(this.g.mid).value;
  }
  getMaxColor(): string {
    return this.point(this.g.max).color;
  }
  getMaxType(): GoogleAppsScript.Spreadsheet.InterpolationType | null {
    return this.point(this.g.max).type as GoogleAppsScript.Spreadsheet.InterpolationType | null;
  }
  getMaxValue(): string {
    return this.point(this.g.max).value;
  }
}

/** The ConditionalFormatRule methods implemented here (signatures checked against @types/google-apps-script). */
type ConditionalFormatRuleMethods =
  'copy' | 'getBooleanCondition' | 'getGradientCondition' | 'getRanges';

export class ConditionalFormatRuleApi
  implements
    Facade,
    Pick<GoogleAppsScript.Spreadsheet.ConditionalFormatRule, ConditionalFormatRuleMethods>
{
  self: unknown;
  constructor(
    private readonly env: Env,
    readonly model: CfRuleModel,
  ) {}
  getBooleanCondition(): GoogleAppsScript.Spreadsheet.BooleanCondition | null {
    return this.model.condition
      ? this.env.wrap(
          new BooleanConditionApi(this.model.condition, this.env.newDate),
          'BooleanCondition',
        )
      : null;
  }
  getGradientCondition(): GoogleAppsScript.Spreadsheet.GradientCondition | null {
    return this.model.gradient
      ? this.env.wrap(new GradientConditionApi(this.model.gradient), 'GradientCondition')
      : null;
  }
  getRanges(): GasRange[] {
    return this.model.ranges
      .filter((a) => a.valid)
      .map((a) => makeRange(this.env, a.sheet, a.rect));
  }
  copy(): GasBuilder {
    return makeCfBuilder(this.env, this.model);
  }
}

export function makeCfRule(env: Env, model: CfRuleModel): GasRule {
  return env.wrap(new ConditionalFormatRuleApi(env, copyRule(model)), 'ConditionalFormatRule');
}

/** The model behind a rule this emulator built (a copy, so sheets never share one). */
export function cfModelOf(x: unknown): CfRuleModel | undefined {
  return x instanceof ConditionalFormatRuleApi ? copyRule(x.model) : undefined;
}

/** The ConditionalFormatRuleBuilder methods implemented here (signatures checked against @types/google-apps-script). */
type ConditionalFormatRuleBuilderMethods =
  | 'build'
  | 'copy'
  | 'getBooleanCondition'
  | 'getGradientCondition'
  | 'getRanges'
  | 'setBackground'
  | 'setBold'
  | 'setFontColor'
  | 'setGradientMaxpoint'
  | 'setGradientMaxpointWithValue'
  | 'setGradientMidpointWithValue'
  | 'setGradientMinpoint'
  | 'setGradientMinpointWithValue'
  | 'setItalic'
  | 'setRanges'
  | 'setStrikethrough'
  | 'setUnderline'
  | 'whenCellEmpty'
  | 'whenCellNotEmpty'
  | 'whenDateAfter'
  | 'whenDateBefore'
  | 'whenDateEqualTo'
  | 'whenFormulaSatisfied'
  | 'whenNumberBetween'
  | 'whenNumberEqualTo'
  | 'whenNumberGreaterThan'
  | 'whenNumberGreaterThanOrEqualTo'
  | 'whenNumberLessThan'
  | 'whenNumberLessThanOrEqualTo'
  | 'whenNumberNotBetween'
  | 'whenNumberNotEqualTo'
  | 'whenTextContains'
  | 'whenTextDoesNotContain'
  | 'whenTextEndsWith'
  | 'whenTextEqualTo'
  | 'whenTextStartsWith'
  | 'withCriteria';

export class ConditionalFormatRuleBuilderApi
  implements
    Facade,
    Pick<
      GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder,
      ConditionalFormatRuleBuilderMethods
    >
{
  self: unknown;
  private ranges: Anchor[] = [];
  private criteria: BooleanCriteria | undefined;
  private values: unknown[] = [];
  private format: CfFormat = {};
  private gradient: GradientRule | undefined;

  constructor(
    private readonly env: Env,
    from?: CfRuleModel,
  ) {
    if (from) {
      this.ranges = from.ranges.map((a) => a.copy());
      if (from.condition) {
        const { criteria, values, ...format } = from.condition;
        this.criteria = criteria;
        this.values = [...values];
        this.format = format;
      }
      if (from.gradient) this.gradient = { ...from.gradient };
    }
  }

  private get me(): GasBuilder {
    return this.self as GasBuilder;
  }

  private when(criteria: BooleanCriteria, values: unknown[]): GasBuilder {
    this.criteria = criteria;
    this.values = values.map((v) => (isDate(v) ? new Date(v.getTime()) : v));
    this.gradient = undefined;
    return this.me;
  }

  private point(which: 'min' | 'mid' | 'max', c: string, type: unknown, value: string): GasBuilder {
    const t = enumName(type);
    if (!(INTERPOLATION_TYPES as readonly string[]).includes(t))
      throw badParameters(`${B}.setGradient`, [c, type, value]);
    const col = color(c);
    if (col === null) throw new Error(MSG.invalidColor(text(c)));
    this.gradient = {
      ...this.gradient,
      [which]: { color: col, type: t as InterpolationType, value: text(value) },
    };
    this.criteria = undefined;
    return this.me;
  }

  build(): GasRule {
    const model: CfRuleModel = { ranges: this.ranges.map((a) => a.copy()) };
    if (this.gradient) model.gradient = { ...this.gradient };
    else if (this.criteria)
      model.condition = { criteria: this.criteria, values: [...this.values], ...this.format };
    else
      throw new Error(
        'The conditional format rule has no condition: call a when… method or set gradient points first.',
      );
    return makeCfRule(this.env, model);
  }
  copy(): GasBuilder {
    return makeCfBuilder(this.env, {
      ranges: this.ranges,
      condition: this.criteria && { criteria: this.criteria, values: this.values, ...this.format },
      gradient: this.gradient,
    });
  }
  getRanges(): GasRange[] {
    return this.ranges.map((a) => makeRange(this.env, a.sheet, a.rect));
  }
  getBooleanCondition(): GoogleAppsScript.Spreadsheet.BooleanCondition | null {
    if (!this.criteria) return null;
    return this.env.wrap(
      new BooleanConditionApi(
        { criteria: this.criteria, values: this.values, ...this.format },
        this.env.newDate,
      ),
      'BooleanCondition',
    );
  }
  getGradientCondition(): GoogleAppsScript.Spreadsheet.GradientCondition | null {
    if (!this.gradient) return null;
    return this.env.wrap(new GradientConditionApi(this.gradient), 'GradientCondition');
  }
  setRanges(ranges: GasRange[]): GasBuilder {
    if (!Array.isArray(ranges)) throw badParameters(`${B}.setRanges`, [ranges]);
    this.ranges = ranges.map((r) => {
      const m = rangeModelOf(r);
      if (!m) throw badParameters(`${B}.setRanges`, [ranges]);
      return new Anchor(m.sheet, m.rect);
    });
    return this.me;
  }
  setBackground(c: string | null): GasBuilder {
    this.format.background = color(c);
    return this.me;
  }
  setFontColor(c: string | null): GasBuilder {
    this.format.fontColor = color(c);
    return this.me;
  }
  setBold(bold: boolean | null): GasBuilder {
    this.format.bold = bold;
    return this.me;
  }
  setItalic(italic: boolean | null): GasBuilder {
    this.format.italic = italic;
    return this.me;
  }
  setStrikethrough(strikethrough: boolean | null): GasBuilder {
    this.format.strikethrough = strikethrough;
    return this.me;
  }
  setUnderline(underline: boolean | null): GasBuilder {
    this.format.underline = underline;
    return this.me;
  }
  /** The gradient's minimum at the range's smallest value. */
  setGradientMinpoint(c: string): GasBuilder {
    return this.point('min', c, 'MIN', '');
  }
  setGradientMaxpoint(c: string): GasBuilder {
    return this.point('max', c, 'MAX', '');
  }
  setGradientMinpointWithValue(c: string, type: unknown, value: string): GasBuilder {
    return this.point('min', c, type, value);
  }
  setGradientMidpointWithValue(c: string, type: unknown, value: string): GasBuilder {
    return this.point('mid', c, type, value);
  }
  setGradientMaxpointWithValue(c: string, type: unknown, value: string): GasBuilder {
    return this.point('max', c, type, value);
  }
  whenCellEmpty(): GasBuilder {
    return this.when('CELL_EMPTY', []);
  }
  whenCellNotEmpty(): GasBuilder {
    return this.when('CELL_NOT_EMPTY', []);
  }
  whenDateAfter(date: unknown): GasBuilder {
    return this.when(isDate(date) ? 'DATE_AFTER' : 'DATE_AFTER_RELATIVE', [date]);
  }
  whenDateBefore(date: unknown): GasBuilder {
    return this.when(isDate(date) ? 'DATE_BEFORE' : 'DATE_BEFORE_RELATIVE', [date]);
  }
  whenDateEqualTo(date: unknown): GasBuilder {
    return this.when(isDate(date) ? 'DATE_EQUAL_TO' : 'DATE_EQUAL_TO_RELATIVE', [date]);
  }
  whenFormulaSatisfied(formula: string): GasBuilder {
    return this.when('CUSTOM_FORMULA', [text(formula)]);
  }
  whenNumberBetween(start: number, end: number): GasBuilder {
    return this.when('NUMBER_BETWEEN', [start, end]);
  }
  whenNumberNotBetween(start: number, end: number): GasBuilder {
    return this.when('NUMBER_NOT_BETWEEN', [start, end]);
  }
  whenNumberEqualTo(n: number): GasBuilder {
    return this.when('NUMBER_EQUAL_TO', [n]);
  }
  whenNumberNotEqualTo(n: number): GasBuilder {
    return this.when('NUMBER_NOT_EQUAL_TO', [n]);
  }
  whenNumberGreaterThan(n: number): GasBuilder {
    return this.when('NUMBER_GREATER_THAN', [n]);
  }
  whenNumberGreaterThanOrEqualTo(n: number): GasBuilder {
    return this.when('NUMBER_GREATER_THAN_OR_EQUAL_TO', [n]);
  }
  whenNumberLessThan(n: number): GasBuilder {
    return this.when('NUMBER_LESS_THAN', [n]);
  }
  whenNumberLessThanOrEqualTo(n: number): GasBuilder {
    return this.when('NUMBER_LESS_THAN_OR_EQUAL_TO', [n]);
  }
  whenTextContains(value: string): GasBuilder {
    return this.when('TEXT_CONTAINS', [text(value)]);
  }
  whenTextDoesNotContain(value: string): GasBuilder {
    return this.when('TEXT_DOES_NOT_CONTAIN', [text(value)]);
  }
  whenTextEqualTo(value: string): GasBuilder {
    return this.when('TEXT_EQUAL_TO', [text(value)]);
  }
  whenTextStartsWith(value: string): GasBuilder {
    return this.when('TEXT_STARTS_WITH', [text(value)]);
  }
  whenTextEndsWith(value: string): GasBuilder {
    return this.when('TEXT_ENDS_WITH', [text(value)]);
  }
  withCriteria(criteria: unknown, args: unknown[]): GasBuilder {
    const name = enumName(criteria);
    if (!(BOOLEAN_CRITERIA as readonly string[]).includes(name))
      throw badParameters(`${B}.withCriteria`, [criteria, args]);
    return this.when(name as BooleanCriteria, [...args]);
  }
}

export function makeCfBuilder(env: Env, from?: CfRuleModel): GasBuilder {
  return env.wrap(new ConditionalFormatRuleBuilderApi(env, from), 'ConditionalFormatRuleBuilder');
}
