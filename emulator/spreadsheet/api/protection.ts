/**
 * Protection: a protected range or sheet (APPS_SCRIPT_FACTS §6). Until its editors are changed
 * its permissions mirror the file's; changing them makes the list explicit (the file's editors
 * and the current user, then the change). The owner and the current user cannot be removed
 * (silently kept). Reading the editors or changing anything needs edit rights on it; the
 * exception text for that is not documented (ours: "You do not have permission to access the
 * editors of this protected range or sheet."). A file owned by a gmail.com account has no domain:
 * canDomainEdit() is false there and setDomainEdit throws, as documented.
 */
import { MSG } from '../messages';
import { Anchor } from '../model/anchor';
import type { ProtectionModel } from '../model/protection';
import { badParameters, enumValue, type Env, type Facade, text, bool } from './env';
import { makeRange, rangeModelOf } from './range';
import { makeUser } from './user';

type GasProtection = GoogleAppsScript.Spreadsheet.Protection;
const P = 'SpreadsheetApp.Protection';

function emailOf(x: unknown): string {
  if (typeof x === 'string') return x;
  if (x !== null && typeof x === 'object' && 'getEmail' in x && typeof x.getEmail === 'function')
    return String((x.getEmail as () => unknown)());
  throw badParameters(`${P}.addEditor`, [x]);
}

/** The Protection methods implemented here (signatures checked against @types/google-apps-script). */
type ProtectionMethods =
  | 'addEditor'
  | 'addEditors'
  | 'canDomainEdit'
  | 'canEdit'
  | 'getDescription'
  | 'getEditors'
  | 'getProtectionType'
  | 'getRange'
  | 'getRangeName'
  | 'getUnprotectedRanges'
  | 'isWarningOnly'
  | 'remove'
  | 'removeEditor'
  | 'removeEditors'
  | 'setDescription'
  | 'setDomainEdit'
  | 'setNamedRange'
  | 'setRange'
  | 'setRangeName'
  | 'setUnprotectedRanges'
  | 'setWarningOnly';

export class ProtectionApi
  implements Facade, Pick<GoogleAppsScript.Spreadsheet.Protection, ProtectionMethods>
{
  self: unknown;
  constructor(
    private readonly env: Env,
    readonly model: ProtectionModel,
  ) {}

  private get me(): GasProtection {
    return this.self as GasProtection;
  }

  private allowed(): boolean {
    return this.model.canEdit(this.env.user, this.env.workbook.owner);
  }

  /** A change: a setter (auth mode) by someone who may edit the protected area. */
  private change(method: string): void {
    this.env.assertWrite(method);
    if (!this.allowed()) throw new Error(MSG.protectionNoAccess);
  }

  private explicitEditors(): Set<string> {
    if (this.model.editors === null) {
      this.model.editors = new Set(this.env.workbook.editors());
      if (this.env.user !== '') this.model.editors.add(this.env.user);
    }
    return this.model.editors;
  }

  addEditor(emailOrUser: unknown): GasProtection {
    this.change('addEditor');
    this.explicitEditors().add(emailOf(emailOrUser));
    return this.me;
  }
  addEditors(emailAddresses: string[]): GasProtection {
    this.change('addEditors');
    const set = this.explicitEditors();
    for (const e of emailAddresses) set.add(emailOf(e));
    return this.me;
  }
  removeEditor(emailOrUser: unknown): GasProtection {
    return this.removeEditors([emailOrUser]);
  }
  removeEditors(emailsOrUsers: unknown[]): GasProtection {
    this.change('removeEditors');
    const set = this.explicitEditors();
    for (const x of emailsOrUsers) {
      const e = emailOf(x);
      if (e !== this.env.workbook.owner && e !== this.env.user) set.delete(e);
    }
    return this.me;
  }
  /** The owner and the editors; throws for a user who may not edit the area. */
  getEditors(): GoogleAppsScript.Base.User[] {
    if (!this.allowed()) throw new Error(MSG.protectionNoAccess);
    const owner = this.env.workbook.owner;
    const list =
      this.model.editors === null ? this.env.workbook.editors() : [...this.model.editors];
    const all = [owner, ...list.filter((e) => e !== owner)];
    return all.map((e) => makeUser(this.env, e));
  }
  canEdit(): boolean {
    return this.allowed();
  }
  /** A file owned by a consumer account has no domain (Sheets API: domain protection needs one). */
  private consumerFile(): boolean {
    return /@(gmail|googlemail)\.com$/i.test(this.env.workbook.owner);
  }
  /** Whether the owner's domain may edit; always false on a consumer file, which has none. */
  canDomainEdit(): boolean {
    if (!this.allowed()) throw new Error(MSG.protectionNoAccess);
    return this.model.domainEdit && !this.consumerFile();
  }
  /** Throws on a consumer (gmail.com) file (APPS_SCRIPT_FACTS §6). */
  setDomainEdit(editable: boolean): GasProtection {
    this.change('setDomainEdit');
    if (this.consumerFile()) throw new Error(MSG.noDomain);
    this.model.domainEdit = bool(editable);
    return this.me;
  }
  getDescription(): string {
    return this.model.description;
  }
  setDescription(description: string): GasProtection {
    this.change('setDescription');
    this.model.description = text(description);
    return this.me;
  }
  getProtectionType(): GoogleAppsScript.Spreadsheet.ProtectionType {
    return enumValue(this.model.kind);
  }
  /** The protected range (for a sheet protection, the whole sheet). */
  getRange(): GoogleAppsScript.Spreadsheet.Range {
    const m = this.model;
    if (m.anchor) return makeRange(this.env, m.anchor.sheet, m.anchor.rect);
    return makeRange(this.env, m.sheet, {
      r1: 1,
      c1: 1,
      r2: m.sheet.maxRows,
      c2: m.sheet.maxColumns,
    });
  }
  setRange(range: GoogleAppsScript.Spreadsheet.Range): GasProtection {
    this.change('setRange');
    const r = rangeModelOf(range);
    if (!r || this.model.kind !== 'RANGE') throw badParameters(`${P}.setRange`, [range]);
    this.model.anchor = new Anchor(r.sheet, r.rect);
    this.model.sheet = r.sheet;
    return this.me;
  }
  getRangeName(): string | null {
    return this.model.rangeName;
  }
  setRangeName(rangeName: string): GasProtection {
    this.change('setRangeName');
    const a = this.env.workbook.namedAnchor(rangeName);
    if (!a) throw new Error(MSG.namedRangeMissing(rangeName));
    this.model.anchor = a.copy();
    this.model.rangeName = rangeName;
    return this.me;
  }
  setNamedRange(namedRange: GoogleAppsScript.Spreadsheet.NamedRange): GasProtection {
    return this.setRangeName(namedRange.getName());
  }
  getUnprotectedRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this.model.unprotected
      .filter((a) => a.valid)
      .map((a) => makeRange(this.env, a.sheet, a.rect));
  }
  /** Sheet protections only: the ranges left editable. */
  setUnprotectedRanges(ranges: GoogleAppsScript.Spreadsheet.Range[]): GasProtection {
    this.change('setUnprotectedRanges');
    if (this.model.kind !== 'SHEET')
      throw new Error('Unprotected ranges can only be set on a sheet protection.');
    this.model.unprotected = ranges.map((r) => {
      const m = rangeModelOf(r);
      if (!m) throw badParameters(`${P}.setUnprotectedRanges`, [ranges]);
      return new Anchor(m.sheet, m.rect);
    });
    return this.me;
  }
  isWarningOnly(): boolean {
    return this.model.warningOnly;
  }
  /** true: editing only warns (no one is stopped). */
  setWarningOnly(warningOnly: boolean): GasProtection {
    this.change('setWarningOnly');
    this.model.warningOnly = bool(warningOnly);
    return this.me;
  }
  remove(): void {
    this.change('remove');
    this.model.removed = true;
  }
}

export function makeProtection(env: Env, model: ProtectionModel): GasProtection {
  return env.wrap(new ProtectionApi(env, model), 'Protection');
}
