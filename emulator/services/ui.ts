/**
 * Ui (what `SpreadsheetApp.getUi()` returns) [R/base/ui; R/base/menu; DG/apps-script/guides/menus;
 * DG/apps-script/guides/dialogs].
 *
 * - Menus: `createMenu(caption)` / `createAddonMenu()` build a Menu (`addItem(caption,
 *   functionName)`, `addSeparator()`, `addSubMenu(menu)`); nothing is shown until `addToUi()`,
 *   which records the menu for the user (re-adding a menu of the same caption replaces it). The
 *   add-on menu's caption is the add-on's name (undocumented; the emulator's option `addonName`).
 *   Allowed in every mode that has a Ui (NONE and LIMITED included).
 * - `alert` and `prompt` (3 overloads each) take their answer from the user's queue of scripted
 *   responses (`answerAlert`, `answerPrompt`); with none queued, or one that does not fit (a prompt
 *   answer for an alert, a button the ButtonSet does not show), they throw a clear emulator error.
 *   They suspend the script, so the execution's locks are released first (documented).
 * - `showSidebar(html)`, `showModalDialog(html, title)`, `showModelessDialog(html, title)` record
 *   the HtmlOutput (content, title, size); the title argument overrides `setTitle`.
 * - Dialogs, alerts and sidebars need FULL: in NONE and LIMITED they throw `You do not have
 *   permission to call Ui.showSidebar. Required permissions: …script.container.ui` (community text).
 *   Custom functions have no Ui at all (`Cannot call SpreadsheetApp.getUi() from this context.`).
 */
import { instrument } from '../context';
import type { Execution } from './execution';
import {
  BUTTONS_OF,
  Button,
  ButtonSet,
  isEnumValue,
  type ButtonName,
  type ButtonSetName,
} from './enums';
import { HTML_SNAPSHOT, isHtmlOutput, type HtmlSnapshot } from './html';
import { UI_SCOPE, permissionDenied, signatureMismatch, toText } from './messages';

export type RecordedMenuEntry =
  | { readonly kind: 'item'; readonly caption: string; readonly functionName: string }
  | { readonly kind: 'separator' }
  | { readonly kind: 'submenu'; readonly menu: RecordedMenu };

export interface RecordedMenu {
  readonly caption: string;
  /** True for the add-on menu (Extensions → <add-on>). */
  readonly addon: boolean;
  readonly entries: readonly RecordedMenuEntry[];
}

export interface DialogRecord {
  readonly kind: 'alert' | 'prompt';
  readonly title: string | null;
  readonly prompt: string;
  readonly buttons: ButtonSetName;
  readonly answer: ButtonName;
  /** The text typed into a prompt. */
  readonly responseText?: string;
}

export interface ShownHtml extends HtmlSnapshot {
  readonly kind: 'sidebar' | 'modal' | 'modeless';
}

export type ScriptedResponse =
  | { readonly kind: 'alert'; readonly button: ButtonName }
  | { readonly kind: 'prompt'; readonly text: string; readonly button: ButtonName };

/** One user's Ui in one workbook: menus shown, dialogs answered, HTML shown, answers queued. */
export class UiState {
  readonly menus: RecordedMenu[] = [];
  readonly dialogs: DialogRecord[] = [];
  readonly shown: ShownHtml[] = [];
  readonly responses: ScriptedResponse[] = [];

  constructor(readonly email: string) {}

  /** A new page load: the menus of the previous one are gone. */
  resetMenus(): void {
    this.menus.length = 0;
  }

  addMenu(menu: RecordedMenu): void {
    const i = this.menus.findIndex((m) => m.caption === menu.caption && m.addon === menu.addon);
    if (i >= 0) this.menus[i] = menu;
    else this.menus.push(menu);
  }
}

/** Reads a Menu's state without counting a call (a symbol-keyed method). */
const MENU_SNAPSHOT = Symbol('Menu.snapshot');

function text(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

export class Menu {
  private readonly entries: (RecordedMenuEntry | { kind: 'pending-submenu'; menu: Menu })[] = [];

  constructor(
    private readonly caption: string,
    private readonly addon: boolean,
    private readonly state: UiState,
  ) {}

  addItem(caption: unknown, functionName: unknown): this {
    if (!text(caption) || typeof functionName !== 'string')
      throw signatureMismatch('Menu.addItem', [caption, functionName]);
    this.entries.push({ kind: 'item', caption: toText(caption), functionName });
    return this;
  }

  addSeparator(): this {
    this.entries.push({ kind: 'separator' });
    return this;
  }

  addSubMenu(menu: Menu): this {
    if (!(menu instanceof Menu)) throw signatureMismatch('Menu.addSubMenu', [menu]);
    this.entries.push({ kind: 'pending-submenu', menu });
    return this;
  }

  /** The menu as it stands (sub-menus as they stand now). */
  [MENU_SNAPSHOT](): RecordedMenu {
    return {
      caption: this.caption,
      addon: this.addon,
      entries: this.entries.map((e) =>
        e.kind === 'pending-submenu' ? { kind: 'submenu', menu: e.menu[MENU_SNAPSHOT]() } : e,
      ),
    };
  }

  addToUi(): void {
    this.state.addMenu(this[MENU_SNAPSHOT]());
  }
}

export class PromptResponse {
  constructor(
    private readonly text: string,
    private readonly button: ButtonName,
  ) {}
  getResponseText(): string {
    return this.text;
  }
  getSelectedButton(): ButtonName {
    return this.button;
  }
}

export interface UiDeps {
  readonly exec: Execution;
  readonly state: UiState;
  readonly addonName: string;
  /** Releases the execution's locks (an alert or prompt suspends the script). */
  releaseLocks(): void;
}

interface DialogArgs {
  readonly title: string | null;
  readonly prompt: string;
  readonly buttons: ButtonSetName;
}

function dialogArgs(method: string, args: readonly unknown[]): DialogArgs {
  const [a, b, c] = args;
  if (args.length === 1 && text(a)) return { title: null, prompt: toText(a), buttons: 'OK' };
  if (args.length === 2 && text(a) && isEnumValue(ButtonSet, b))
    return { title: null, prompt: toText(a), buttons: b };
  if (args.length === 3 && text(a) && text(b) && isEnumValue(ButtonSet, c))
    return { title: toText(a), prompt: toText(b), buttons: c };
  throw signatureMismatch(`Ui.${method}`, args);
}

export class Ui {
  readonly ButtonSet = ButtonSet;
  readonly Button = Button;

  constructor(private readonly deps: UiDeps) {}

  private full(method: string): void {
    if (this.deps.exec.authMode !== 'FULL') throw permissionDenied(`Ui.${method}`, UI_SCOPE);
  }

  private menu(caption: string, addon: boolean): Menu {
    return instrument(new Menu(caption, addon, this.deps.state), 'Menu', this.deps.exec.calls);
  }

  createMenu(caption: unknown): Menu {
    if (!text(caption)) throw signatureMismatch('Ui.createMenu', [caption]);
    return this.menu(toText(caption), false);
  }

  createAddonMenu(): Menu {
    return this.menu(this.deps.addonName, true);
  }

  private respond(kind: 'alert' | 'prompt', d: DialogArgs): ScriptedResponse {
    const { state } = this.deps;
    const shown = `Ui.${kind}(${JSON.stringify(d.title ?? d.prompt)})`;
    const next = state.responses[0];
    if (!next)
      throw new Error(
        `Emulator: ${shown} was shown to ${state.email} with no response queued. ` +
          `Queue one first: emulator.as('${state.email}').${kind === 'alert' ? "answerAlert('OK')" : "answerPrompt('text', 'OK')"}.`,
      );
    if (next.kind !== kind)
      throw new Error(
        `Emulator: ${shown} was shown to ${state.email} but the next queued response is for a ${next.kind}.`,
      );
    if (!BUTTONS_OF[d.buttons].includes(next.button))
      throw new Error(
        `Emulator: ${shown} shows ButtonSet.${d.buttons} (${BUTTONS_OF[d.buttons].join(', ')}); the queued answer ${next.button} is not one of them.`,
      );
    state.responses.shift();
    this.deps.releaseLocks();
    return next;
  }

  alert(...args: unknown[]): ButtonName {
    this.full('alert');
    const d = dialogArgs('alert', args);
    const r = this.respond('alert', d);
    this.deps.state.dialogs.push({ kind: 'alert', ...d, answer: r.button });
    return r.button;
  }

  prompt(...args: unknown[]): PromptResponse {
    this.full('prompt');
    const d = dialogArgs('prompt', args);
    const r = this.respond('prompt', d);
    const typed = r.kind === 'prompt' ? r.text : '';
    this.deps.state.dialogs.push({ kind: 'prompt', ...d, answer: r.button, responseText: typed });
    return instrument(new PromptResponse(typed, r.button), 'PromptResponse', this.deps.exec.calls);
  }

  private show(kind: ShownHtml['kind'], method: string, html: unknown, title?: unknown): void {
    this.full(method);
    if (!isHtmlOutput(html) || (kind !== 'sidebar' && !text(title)))
      throw signatureMismatch(`Ui.${method}`, kind === 'sidebar' ? [html] : [html, title]);
    const snap = html[HTML_SNAPSHOT]();
    this.deps.state.shown.push({
      kind,
      ...snap,
      title: kind === 'sidebar' ? snap.title : toText(title),
    });
  }

  showSidebar(userInterface: unknown): void {
    this.show('sidebar', 'showSidebar', userInterface);
  }

  showModalDialog(userInterface: unknown, title: string): void {
    this.show('modal', 'showModalDialog', userInterface, title);
  }

  showModelessDialog(userInterface: unknown, title: string): void {
    this.show('modeless', 'showModelessDialog', userInterface, title);
  }
}

/** The Ui of one execution (instrumented as "Ui"). */
export function createUi(deps: UiDeps): GoogleAppsScript.Base.Ui {
  return instrument(new Ui(deps), 'Ui', deps.exec.calls) as unknown as GoogleAppsScript.Base.Ui;
}
