/**
 * Color objects (Range.getFontColorObject, getBackgroundObject, SpreadsheetApp.newColor()): the
 * non-deprecated way to read and set colours. The emulator knows RGB colours only; theme colours
 * are not emulated.
 */
import { normalizeColor, rgb } from '../colors';
import { MSG, text } from '../messages';
import { enumValue, type Env, type Facade } from './env';

type GasColor = GoogleAppsScript.Spreadsheet.Color;

/** The RgbColor methods implemented here (signatures checked against @types/google-apps-script). */
type RgbColorMethods = 'asHexString' | 'getRed' | 'getGreen' | 'getBlue' | 'getColorType';

class RgbColorApi implements Facade, Pick<GoogleAppsScript.Base.RgbColor, RgbColorMethods> {
  self: unknown;
  constructor(private readonly hex: string) {}
  asHexString(): string {
    return this.hex;
  }
  getRed(): number {
    return rgb(this.hex)[0];
  }
  getGreen(): number {
    return rgb(this.hex)[1];
  }
  getBlue(): number {
    return rgb(this.hex)[2];
  }
  getColorType(): GoogleAppsScript.Base.ColorType {
    return enumValue('RGB');
  }
}

/** The Color methods implemented here (signatures checked against @types/google-apps-script). */
type ColorMethods = 'asRgbColor' | 'getColorType';

export class ColorApi implements Facade, Pick<GasColor, ColorMethods> {
  self: unknown;
  constructor(
    private readonly env: Env,
    readonly hex: string,
  ) {}
  asRgbColor(): GoogleAppsScript.Base.RgbColor {
    return this.env.wrap(new RgbColorApi(this.hex), 'RgbColor');
  }
  getColorType(): GoogleAppsScript.Base.ColorType {
    return enumValue('RGB');
  }
}

export function makeColor(env: Env, hex: string): GasColor {
  return env.wrap(new ColorApi(env, hex), 'Color') as unknown as GasColor;
}

/** The '#rrggbb' of a Color this emulator made, null for null (reset). */
export function colorOf(x: unknown): string | null | undefined {
  if (x === null || x === undefined) return null;
  return x instanceof ColorApi ? x.hex : undefined;
}

/** The ColorBuilder methods implemented here (signatures checked against @types/google-apps-script). */
type ColorBuilderMethods = 'setRgbColor' | 'build' | 'asRgbColor' | 'getColorType';

class ColorBuilderApi
  implements Facade, Pick<GoogleAppsScript.Spreadsheet.ColorBuilder, ColorBuilderMethods>
{
  self: unknown;
  private hex = '#000000';
  constructor(private readonly env: Env) {}
  setRgbColor(cssString: string): GoogleAppsScript.Spreadsheet.ColorBuilder {
    const hex = normalizeColor(text(cssString));
    if (hex === undefined) throw new Error(MSG.invalidColor(text(cssString)));
    this.hex = hex;
    return this.self as GoogleAppsScript.Spreadsheet.ColorBuilder;
  }
  build(): GasColor {
    return makeColor(this.env, this.hex);
  }
  asRgbColor(): GoogleAppsScript.Base.RgbColor {
    return this.env.wrap(new RgbColorApi(this.hex), 'RgbColor');
  }
  getColorType(): GoogleAppsScript.Base.ColorType {
    return enumValue('RGB');
  }
}

export function makeColorBuilder(env: Env): GoogleAppsScript.Spreadsheet.ColorBuilder {
  return env.wrap(
    new ColorBuilderApi(env),
    'ColorBuilder',
  ) as unknown as GoogleAppsScript.Spreadsheet.ColorBuilder;
}
