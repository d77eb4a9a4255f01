import { join } from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CallCounter } from '../../emulator/context';
import { compileTemplate, createHtmlService, escapeHtml } from '../../emulator/services/html';
import { makeWorld, open } from './helpers';

const FIXTURES = join(import.meta.dirname, 'fixtures');

function htmlService(authMode: 'FULL' | 'NONE' = 'FULL') {
  const context = vm.createContext({});
  const calls = new CallCounter();
  const service = createHtmlService({
    calls,
    authMode,
    htmlDir: FIXTURES,
    compile: (source) => vm.runInContext(source, context) as unknown,
  });
  (context as Record<string, unknown>).HtmlService = service;
  vm.runInContext(
    'function include(name) { return HtmlService.createHtmlOutputFromFile(name).getContent(); }',
    context,
  );
  return { service, calls };
}

describe('HtmlService', () => {
  it('reads dist-style files by name without extension (".html" accepted too)', () => {
    const { service } = htmlService();
    const a = service.createHtmlOutputFromFile('Sidebar').getContent();
    expect(a).toContain('<h1>Intake</h1>');
    expect(service.createHtmlOutputFromFile('Sidebar.html').getContent()).toBe(a);
    expect(() => service.createHtmlOutputFromFile('Nope')).toThrow(
      'No HTML file named Nope was found.',
    );
    expect(() => service.createTemplateFromFile('Nope')).toThrow(
      'No HTML file named Nope was found.',
    );
  });

  it('evaluates templates: code, escaped and raw printing, template properties, script globals', () => {
    const { service } = htmlService();
    const t = service.createTemplateFromFile('Page') as GoogleAppsScript.HTML.HtmlTemplate & {
      projects: string[];
    };
    t.projects = ['CRM <clean-up>', "Partner 'Q3'"];
    const html = t.evaluate().getContent();
    expect(html).toContain('<li>CRM &lt;clean-up&gt;</li>');
    expect(html).toContain('<li>Partner &#39;Q3&#39;</li>');
    expect(html.match(/<li>/g)).toHaveLength(2);
    expect(html).toContain('<footer>Portfolio Pilot</footer>');
    expect(t.getRawContent()).toContain('<?= projects[i] ?>');
    expect(t.getCode()).toContain('with (__scope)');
  });

  it('keeps template variables apart from the template’s own state', () => {
    const { service } = htmlService();
    const t = service.createTemplate('<?= source ?>|<?!= services ?>') as unknown as Record<
      string,
      unknown
    > &
      GoogleAppsScript.HTML.HtmlTemplate;
    t.source = 'a<b';
    t.services = '<i>raw</i>';
    expect(t.evaluate().getContent()).toBe('a&lt;b|<i>raw</i>');
  });

  it('compiles scriptlets to code that prints only what it should', () => {
    expect(compileTemplate('a<? var x = 1; ?>b<?= x ?>')).toContain('__out.push(__escape(x));');
    expect(escapeHtml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
    expect(escapeHtml(null)).toBe('');
  });

  it('prints only the first statement of a printing scriptlet and runs the rest', () => {
    // Apps Script guide (HTML templates): `<?= 'Hello, world!'; 'abc' ?>` prints only
    // "Hello, world!"; the remaining statements behave as in a plain scriptlet.
    const { service } = htmlService();
    const html = (src: string) => service.createTemplate(src).evaluate().getContent();
    expect(html("<?= 'Hello, world!'; 'abc' ?>")).toBe('Hello, world!');
    expect(html("<?!= '<b>'; var n = 2 ?>|<?= n; ?>|<?= 'a;b' ?>|<?= [1, 2].join(';') ?>")).toBe(
      '<b>|2|a;b|1;2',
    );
    expect(html('<?= `x;${"y;"}`; /* ; */ ?>|<?= ({ a: 1 }).a // ; ?>')).toBe('x;y;|1');
  });

  it('builds HtmlOutput with chained setters, meta tags and modes', () => {
    const { service, calls } = htmlService();
    const out = service
      .createHtmlOutput('<p>x</p>')
      .setTitle('Scenario planner')
      .setWidth(300)
      .setHeight(600)
      .append('<p>y</p>')
      .appendUntrusted('<script>')
      .addMetaTag('viewport', 'width=device-width')
      .setSandboxMode(service.SandboxMode.IFRAME)
      .setXFrameOptionsMode(service.XFrameOptionsMode.ALLOWALL);
    expect(out.getContent()).toBe('<p>x</p><p>y</p>&lt;script&gt;');
    expect([out.getTitle(), out.getWidth(), out.getHeight()]).toEqual([
      'Scenario planner',
      300,
      600,
    ]);
    expect(out.getMetaTags().map((m) => [m.getName(), m.getContent()])).toEqual([
      ['viewport', 'width=device-width'],
    ]);
    expect(() => out.addMetaTag('refresh', '5')).toThrow(/"refresh" is not an allowed meta tag/);
    expect(calls.get('HtmlOutput.setTitle')).toBe(1);
    expect(calls.get('HtmlService.createHtmlOutput')).toBe(1);
    expect(service.createHtmlOutput().getWidth()).toBeNull();
  });

  it('is not available in AuthMode.NONE', () => {
    expect(() => htmlService('NONE').service.createHtmlOutput('x')).toThrow(
      'You do not have permission to call HtmlService.createHtmlOutput',
    );
  });
});

describe('Ui', () => {
  it('records menus with items, separators and sub-menus; re-adding replaces', () => {
    const world = makeWorld();
    const { exec } = open(world, 'ana@example.com', 'NONE');
    const ui = exec.ui();
    ui.createMenu('Tools')
      .addItem('One', 'one')
      .addSeparator()
      .addSubMenu(ui.createMenu('More').addItem('Two', 'two'))
      .addToUi();
    ui.createAddonMenu().addItem('Help', 'menuHelp').addToUi();
    ui.createMenu('Tools').addItem('Only', 'only').addToUi();
    expect(world.ui('ana@example.com').menus).toEqual([
      {
        caption: 'Tools',
        addon: false,
        entries: [{ kind: 'item', caption: 'Only', functionName: 'only' }],
      },
      {
        caption: 'Portfolio Pilot',
        addon: true,
        entries: [{ kind: 'item', caption: 'Help', functionName: 'menuHelp' }],
      },
    ]);
    expect(world.ui('bob@example.com').menus).toEqual([]);
  });

  it('answers alerts and prompts from the queue, checking the buttons shown', () => {
    const world = makeWorld();
    const state = world.ui('ana@example.com');
    const ui = open(world, 'ana@example.com').exec.ui();
    state.responses.push({ kind: 'alert', button: 'OK' });
    expect(ui.alert('Saved')).toBe('OK');
    state.responses.push({ kind: 'alert', button: 'NO' });
    expect(ui.alert('Overwrite?', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    state.responses.push({ kind: 'prompt', text: 'Q3 push', button: 'CLOSE' });
    const r = ui.prompt('Scenario', 'Name it', ui.ButtonSet.OK_CANCEL);
    expect([r.getResponseText(), r.getSelectedButton()]).toEqual(['Q3 push', 'CLOSE']);
    expect(state.dialogs.map((d) => [d.kind, d.title, d.prompt, d.buttons, d.answer])).toEqual([
      ['alert', null, 'Saved', 'OK', 'OK'],
      ['alert', null, 'Overwrite?', 'YES_NO', 'NO'],
      ['prompt', 'Scenario', 'Name it', 'OK_CANCEL', 'CLOSE'],
    ]);
    expect(() => ui.alert('Nobody answers')).toThrow(
      /Ui\.alert\("Nobody answers"\) was shown to ana@example.com with no response queued/,
    );
    state.responses.push({ kind: 'alert', button: 'YES' });
    expect(() => ui.alert('Saved', ui.ButtonSet.OK)).toThrow(
      /the queued answer YES is not one of them/,
    );
    state.responses.length = 0;
    state.responses.push({ kind: 'prompt', text: '', button: 'OK' });
    expect(() => ui.alert('Saved')).toThrow(/next queued response is for a prompt/);
    expect(() => ui.alert('a', 'b' as unknown as GoogleAppsScript.Base.ButtonSet)).toThrow(
      "The parameters (String,String) don't match the method signature for Ui.alert.",
    );
  });

  it('records sidebars and dialogs with their content, title and size', () => {
    const world = makeWorld();
    const { exec } = open(world, 'ana@example.com');
    const { service } = htmlService();
    const ui = exec.ui();
    ui.showSidebar(service.createHtmlOutput('<p>side</p>').setTitle('Intake'));
    ui.showModalDialog(
      service.createHtmlOutput('<p>m</p>').setTitle('ignored').setWidth(500),
      'Confirm',
    );
    ui.showModelessDialog(service.createHtmlOutput('<p>ml</p>').setHeight(200), 'Compare');
    expect(
      world.ui('ana@example.com').shown.map((s) => [s.kind, s.title, s.content, s.width, s.height]),
    ).toEqual([
      ['sidebar', 'Intake', '<p>side</p>', null, null],
      ['modal', 'Confirm', '<p>m</p>', 500, null],
      ['modeless', 'Compare', '<p>ml</p>', null, 200],
    ]);
    expect(() => ui.showSidebar('<p>' as unknown as GoogleAppsScript.HTML.HtmlOutput)).toThrow(
      "The parameters (String) don't match the method signature for Ui.showSidebar.",
    );
  });

  it('allows only menus without FULL authorization, and no Ui at all in custom functions', () => {
    const world = makeWorld();
    for (const mode of ['NONE', 'LIMITED'] as const) {
      const ui = open(world, 'ana@example.com', mode).exec.ui();
      ui.createAddonMenu().addItem('Help', 'menuHelp').addToUi();
      expect(() => ui.alert('x')).toThrow(
        'You do not have permission to call Ui.alert. Required permissions: https://www.googleapis.com/auth/script.container.ui',
      );
      expect(() => ui.showSidebar(htmlService().service.createHtmlOutput(''))).toThrow(
        'You do not have permission to call Ui.showSidebar. Required permissions: https://www.googleapis.com/auth/script.container.ui',
      );
    }
    expect(() => open(world, 'ana@example.com', 'CUSTOM_FUNCTION').exec.ui()).toThrow(
      'Cannot call SpreadsheetApp.getUi() from this context.',
    );
  });
});
