/** NamedRange: a name for a block of cells (APPS_SCRIPT_FACTS §1). */
import { Anchor } from '../model/anchor';
import { badParameters, type Env, type Facade, text } from './env';
import { makeRange, rangeModelOf } from './range';

type GasNamedRange = GoogleAppsScript.Spreadsheet.NamedRange;

/** The NamedRange methods implemented here (signatures checked against @types/google-apps-script). */
type NamedRangeMethods = 'getName' | 'getRange' | 'remove' | 'setName' | 'setRange';

class NamedRangeApi
  implements Facade, Pick<GoogleAppsScript.Spreadsheet.NamedRange, NamedRangeMethods>
{
  self: unknown;
  constructor(
    private readonly env: Env,
    private name: string,
  ) {}

  private get me(): GasNamedRange {
    return this.self as GasNamedRange;
  }

  private anchor(): Anchor {
    const a = this.env.workbook.namedAnchor(this.name);
    if (!a) throw new Error(`Named range "${this.name}" no longer exists.`);
    return a;
  }

  getName(): string {
    return this.name;
  }
  getRange(): GoogleAppsScript.Spreadsheet.Range {
    const a = this.anchor();
    return makeRange(this.env, a.sheet, a.rect, a.openRows, a.openCols);
  }
  setName(name: string): GasNamedRange {
    this.env.assertWrite('setName');
    this.env.workbook.renameNamedRange(this.name, text(name));
    this.name = text(name);
    return this.me;
  }
  setRange(range: GoogleAppsScript.Spreadsheet.Range): GasNamedRange {
    this.env.assertWrite('setRange');
    const r = rangeModelOf(range);
    if (!r) throw badParameters('SpreadsheetApp.NamedRange.setRange', [range]);
    this.env.workbook.setNamedRange(this.name, new Anchor(r.sheet, r.rect));
    return this.me;
  }
  remove(): void {
    this.env.assertWrite('remove');
    this.env.workbook.removeNamedRange(this.name);
  }
}

export function makeNamedRange(env: Env, name: string): GasNamedRange {
  return env.wrap(new NamedRangeApi(env, name), 'NamedRange');
}
