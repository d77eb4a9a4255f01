/**
 * HtmlService, HtmlOutput and HtmlTemplate [R/html/html-service; R/html/html-output;
 * R/html/html-template; DG/apps-script/guides/html/templates].
 *
 * - `createHtmlOutputFromFile(name)` / `createTemplateFromFile(name)` read `<htmlDir>/<name>.html`
 *   (htmlDir = dist/, what clasp pushes). The name is given without extension as in Google's
 *   samples; a name ending in ".html" is accepted too and means the same file (the emulator's
 *   choice). A missing file throws `No HTML file named <name> was found.` (community text).
 *   Malformed HTML is not detected.
 * - Templates: `<? code ?>` runs code, `<?= expr ?>` prints HTML-escaped (& < > " '), `<?!= expr ?>`
 *   prints unescaped. Template code runs in the script's global scope (it can call the script's
 *   functions, e.g. an `include(name)` helper) with the properties set on the template in scope.
 *   Apps Script's contextual escaping inside <script> and URLs is reduced to HTML escaping.
 * - HtmlOutput: title, width, height (null until set: the dialog default), content, append,
 *   appendUntrusted (escaped), clear, setContent, meta tags (only the documented names:
 *   apple-mobile-web-app-capable, google-site-verification, mobile-web-app-capable, viewport),
 *   favicon, `setSandboxMode` (recorded; always IFRAME in effect), `setXFrameOptionsMode`
 *   (default DEFAULT). Setters return the output for chaining.
 * - Modes: HtmlService is not available in NONE (permission error).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuthModeName } from '../context';
import { instrument, type CallCounter } from '../context';
import { SandboxMode, XFrameOptionsMode, isEnumValue } from './enums';
import { NO_HTML_FILE, NOT_NONE, requireMode, signatureMismatch, toText } from './messages';

export const META_TAG_NAMES = [
  'apple-mobile-web-app-capable',
  'google-site-verification',
  'mobile-web-app-capable',
  'viewport',
] as const;

/** What crosses threads for an HtmlOutput (Ui.showSidebar in a worker execution). */
export interface HtmlSnapshot {
  readonly content: string;
  readonly title: string;
  readonly width: number | null;
  readonly height: number | null;
  readonly sandboxMode: string;
  readonly xFrameOptionsMode: string;
  readonly faviconUrl: string | null;
  readonly metaTags: readonly { readonly name: string; readonly content: string }[];
}

/** Reads an HtmlOutput's state without counting a call (a symbol-keyed method). */
export const HTML_SNAPSHOT = Symbol('HtmlOutput.snapshot');

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** HTML-escapes a printed value: & < > " ' (null/undefined print as ''). */
export function escapeHtml(v: unknown): string {
  const s = v === null || v === undefined ? '' : toText(v);
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export class HtmlOutputMetaTag {
  constructor(
    private readonly name: string,
    private readonly content: string,
  ) {}
  getName(): string {
    return this.name;
  }
  getContent(): string {
    return this.content;
  }
}

export class HtmlOutput {
  private content: string;
  private title = '';
  private width: number | null = null;
  private height: number | null = null;
  private sandboxMode: string = SandboxMode.IFRAME;
  private xFrameOptionsMode: string = XFrameOptionsMode.DEFAULT;
  private faviconUrl: string | null = null;
  private readonly metaTags: { name: string; content: string }[] = [];

  constructor(
    private readonly services: HtmlServiceDeps,
    content = '',
  ) {
    this.content = content;
  }

  static fromSnapshot(services: HtmlServiceDeps, s: HtmlSnapshot): HtmlOutput {
    const out = new HtmlOutput(services, s.content);
    out.title = s.title;
    out.width = s.width;
    out.height = s.height;
    out.sandboxMode = s.sandboxMode;
    out.xFrameOptionsMode = s.xFrameOptionsMode;
    out.faviconUrl = s.faviconUrl;
    out.metaTags.push(...s.metaTags);
    return out;
  }

  [HTML_SNAPSHOT](): HtmlSnapshot {
    return {
      content: this.content,
      title: this.title,
      width: this.width,
      height: this.height,
      sandboxMode: this.sandboxMode,
      xFrameOptionsMode: this.xFrameOptionsMode,
      faviconUrl: this.faviconUrl,
      metaTags: this.metaTags.map((m) => ({ ...m })),
    };
  }

  append(addedContent: unknown): this {
    this.content += toText(addedContent);
    return this;
  }
  appendUntrusted(addedContent: unknown): this {
    this.content += escapeHtml(addedContent);
    return this;
  }
  clear(): this {
    this.content = '';
    return this;
  }
  getContent(): string {
    return this.content;
  }
  setContent(content: unknown): this {
    this.content = toText(content);
    return this;
  }
  getTitle(): string {
    return this.title;
  }
  setTitle(title: unknown): this {
    this.title = toText(title);
    return this;
  }
  getWidth(): number | null {
    return this.width;
  }
  setWidth(width: number | null): this {
    this.width = sizeOf(width, 'setWidth');
    return this;
  }
  getHeight(): number | null {
    return this.height;
  }
  setHeight(height: number | null): this {
    this.height = sizeOf(height, 'setHeight');
    return this;
  }
  setSandboxMode(mode: string): this {
    if (!isEnumValue(SandboxMode, mode))
      throw signatureMismatch('HtmlOutput.setSandboxMode', [mode]);
    this.sandboxMode = mode;
    return this;
  }
  setXFrameOptionsMode(mode: string): this {
    if (!isEnumValue(XFrameOptionsMode, mode))
      throw signatureMismatch('HtmlOutput.setXFrameOptionsMode', [mode]);
    this.xFrameOptionsMode = mode;
    return this;
  }
  getFaviconUrl(): string | null {
    return this.faviconUrl;
  }
  setFaviconUrl(url: unknown): this {
    this.faviconUrl = toText(url);
    return this;
  }
  addMetaTag(name: unknown, content: unknown): this {
    if (typeof name !== 'string' || !(META_TAG_NAMES as readonly string[]).includes(name))
      throw new Error(
        `HtmlOutput.addMetaTag: "${toText(name)}" is not an allowed meta tag name; use one of ${META_TAG_NAMES.join(', ')}.`,
      );
    this.metaTags.push({ name, content: toText(content) });
    return this;
  }
  getMetaTags(): HtmlOutputMetaTag[] {
    return this.metaTags.map((m) =>
      instrument(
        new HtmlOutputMetaTag(m.name, m.content),
        'HtmlOutputMetaTag',
        this.services.calls,
      ),
    );
  }
  /** A template whose source is this output's content. */
  asTemplate(): HtmlTemplate {
    return instrument(
      new HtmlTemplate(this.services, this.content),
      'HtmlTemplate',
      this.services.calls,
    );
  }
}

function sizeOf(v: unknown, method: string): number | null {
  if (v === null || v === undefined) return null;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw signatureMismatch(`HtmlOutput.${method}`, [v]);
  return n;
}

/** Compiles template source into the JavaScript Apps Script would run (sloppy mode, `with`). */
/**
 * Splits scriptlet code at its first top-level `;` (outside strings, template literals, comments
 * and brackets): [first statement, the rest]. Without one, the rest is ''.
 */
export function splitFirstStatement(code: string): [string, string] {
  // Each entry: a bracket being closed, or '`' for a template literal's text.
  const stack: string[] = [];
  const close: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };
  let i = 0;
  while (i < code.length) {
    const ch = code[i] ?? '';
    const inTemplate = stack[stack.length - 1] === '`';
    if (inTemplate) {
      if (ch === '\\') i += 2;
      else if (ch === '`') {
        stack.pop();
        i++;
      } else if (ch === '$' && code[i + 1] === '{') {
        stack.push('}');
        i += 2;
      } else i++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      i++;
      while (i < code.length && code[i] !== ch) i += code[i] === '\\' ? 2 : 1;
      i++;
    } else if (ch === '`') {
      stack.push('`');
      i++;
    } else if (ch === '/' && code[i + 1] === '/') {
      const nl = code.indexOf('\n', i);
      i = nl < 0 ? code.length : nl;
    } else if (ch === '/' && code[i + 1] === '*') {
      const end = code.indexOf('*/', i + 2);
      i = end < 0 ? code.length : end + 2;
    } else if (ch in close) {
      stack.push(close[ch] ?? '');
      i++;
    } else if (ch === ')' || ch === ']' || ch === '}') {
      if (stack[stack.length - 1] === ch) stack.pop();
      i++;
    } else if (ch === ';' && stack.length === 0) {
      return [code.slice(0, i), code.slice(i + 1)];
    } else i++;
  }
  return [code, ''];
}

/** Code followed by more code: a trailing line comment must not swallow it. */
function endLine(code: string): string {
  return code.includes('//') ? `${code}\n` : code;
}

export function compileTemplate(source: string, withComments = false): string {
  const parts: string[] = [];
  const re = /<\?(!?=)?([\s\S]*?)\?>/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(source)) !== null) {
    if (m.index > last) parts.push(`__out.push(${JSON.stringify(source.slice(last, m.index))});`);
    const code = (m[2] ?? '').trim().replace(/;+\s*$/, '');
    if (withComments)
      parts.push(`/* ${JSON.stringify(m[0]).slice(1, -1).replace(/\*\//g, '*\\/')} */`);
    if (m[1] === '=' || m[1] === '!=') {
      // Only the first statement prints; the rest runs as in a plain scriptlet (Apps Script guide).
      const [first, rest] = splitFirstStatement(code);
      parts.push(`__out.push(${m[1] === '=' ? '__escape' : '__string'}(${endLine(first)}));`);
      if (rest.trim()) parts.push(`${endLine(rest)};`);
    } else parts.push(`${endLine(code)};`);
    last = re.lastIndex;
  }
  if (last < source.length) parts.push(`__out.push(${JSON.stringify(source.slice(last))});`);
  return `(function (__scope, __escape, __string) {\nvar __out = [];\nwith (__scope) {\n${parts.join('\n')}\n}\nreturn __out.join('');\n})`;
}

export class HtmlTemplate {
  // ES private fields: the template's own properties are the template's variables.
  readonly #services: HtmlServiceDeps;
  readonly #source: string;

  constructor(services: HtmlServiceDeps, source: string) {
    this.#services = services;
    this.#source = source;
  }

  getRawContent(): string {
    return this.#source;
  }
  getCode(): string {
    return compileTemplate(this.#source);
  }
  getCodeWithComments(): string {
    return compileTemplate(this.#source, true);
  }
  /** Runs the template: properties set on this template are variables of its code. */
  evaluate(): HtmlOutput {
    const scope: Record<string, unknown> = {};
    for (const k of Object.keys(this)) scope[k] = (this as unknown as Record<string, unknown>)[k];
    const fn = this.#services.compile(compileTemplate(this.#source)) as (
      scope: object,
      escape: (v: unknown) => string,
      string: (v: unknown) => string,
    ) => string;
    const html = fn(scope, escapeHtml, (v) => (v === null || v === undefined ? '' : toText(v)));
    return instrument(new HtmlOutput(this.#services, html), 'HtmlOutput', this.#services.calls);
  }
}

/** What HtmlService needs from its execution. */
export interface HtmlServiceDeps {
  readonly calls: CallCounter;
  readonly authMode: AuthModeName;
  /** The folder holding the project's HTML files (dist/). */
  readonly htmlDir: string;
  /** Evaluates JavaScript source in the script's global scope and returns its value. */
  compile(source: string): unknown;
}

function fileName(name: unknown, method: string): string {
  if (typeof name !== 'string' || name === '')
    throw signatureMismatch(`HtmlService.${method}`, [name]);
  return name.replace(/\.html$/i, '');
}

class HtmlServiceImpl {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;

  constructor(private readonly deps: HtmlServiceDeps) {}

  private check(method: string): void {
    requireMode(this.deps.authMode, NOT_NONE, `HtmlService.${method}`);
  }

  private read(name: unknown, method: string): string {
    const base = fileName(name, method);
    const path = join(this.deps.htmlDir, `${base}.html`);
    if (!existsSync(path)) throw new Error(NO_HTML_FILE(base));
    return readFileSync(path, 'utf8');
  }

  private output(content: string): HtmlOutput {
    return instrument(new HtmlOutput(this.deps, content), 'HtmlOutput', this.deps.calls);
  }

  private template(source: string): HtmlTemplate {
    return instrument(new HtmlTemplate(this.deps, source), 'HtmlTemplate', this.deps.calls);
  }

  createHtmlOutput(html?: unknown): HtmlOutput {
    this.check('createHtmlOutput');
    if (html === undefined || html === null) return this.output('');
    if (
      typeof html === 'object' &&
      typeof (html as { getDataAsString?: unknown }).getDataAsString === 'function'
    )
      return this.output((html as { getDataAsString(): string }).getDataAsString());
    return this.output(toText(html));
  }

  createHtmlOutputFromFile(filename: string): HtmlOutput {
    this.check('createHtmlOutputFromFile');
    return this.output(this.read(filename, 'createHtmlOutputFromFile'));
  }

  createTemplate(html: unknown): HtmlTemplate {
    this.check('createTemplate');
    if (
      typeof html === 'object' &&
      html !== null &&
      typeof (html as { getDataAsString?: unknown }).getDataAsString === 'function'
    )
      return this.template((html as { getDataAsString(): string }).getDataAsString());
    return this.template(toText(html));
  }

  createTemplateFromFile(filename: string): HtmlTemplate {
    this.check('createTemplateFromFile');
    return this.template(this.read(filename, 'createTemplateFromFile'));
  }

  getUserAgent(): string {
    return 'Mozilla/5.0 (X11; Linux x86_64) PortfolioPilotEmulator';
  }
}

export function createHtmlService(deps: HtmlServiceDeps): GoogleAppsScript.HTML.HtmlService {
  return instrument(
    new HtmlServiceImpl(deps),
    'HtmlService',
    deps.calls,
  ) as unknown as GoogleAppsScript.HTML.HtmlService;
}

/** True for an HtmlOutput of this module (possibly behind an instrument proxy). */
export function isHtmlOutput(v: unknown): v is HtmlOutput {
  return v instanceof HtmlOutput;
}
