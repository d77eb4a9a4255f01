import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../emulator/bundle';
import { checkSelfContained, inline, pageNames } from '../../scripts/build-ui';
import { PAGES } from '../../src/ui/pages';

const dist = join(ROOT, 'dist');

describe('the built pages', () => {
  it('are one dist/<page>.html per src/ui/<page>/, and the menu opens each of them', () => {
    const built = readdirSync(dist).filter((f) => f.endsWith('.html'));
    expect(built.sort()).toEqual(
      pageNames(join(ROOT, 'src/ui'))
        .map((p) => `${p}.html`)
        .sort(),
    );
    for (const page of Object.keys(PAGES))
      expect(existsSync(join(dist, `${page}.html`))).toBe(true);
  });

  it('are self-contained: the script and styles inline, nothing from outside', () => {
    for (const page of Object.keys(PAGES)) {
      const html = readFileSync(join(dist, `${page}.html`), 'utf8');
      expect(() => checkSelfContained(html, page)).not.toThrow();
      expect(html).toMatch(/<style>[^<]{1000,}<\/style>/);
      expect(html).toMatch(/<script>[\s\S]{1000,}<\/script>\s*<\/body>/);
      expect(html).toContain('font-family:Arial');
    }
  });

  it('the self-containment check catches every way of loading from outside', () => {
    const bad = [
      '<link rel="stylesheet" href="styles.css">',
      '<script src="app.js"></script>',
      '<img src="//cdn.example.com/x.png">',
      '<a href="https://example.com">x</a>',
      '<style>@import "x.css";</style>',
      '<style>body{background:url(bg.png)}</style>',
    ];
    for (const html of bad)
      expect(() => checkSelfContained(html, 'x.html')).toThrow(/self-contained/);
    expect(() =>
      checkSelfContained(
        '<style>i{background:url(data:image/png;base64,AAA)}</style><script>createElementNS("http://www.w3.org/2000/svg","g")</script>',
        'ok.html',
      ),
    ).not.toThrow();
  });

  it('inlining keeps the bundle byte for byte ($& and $1 are not replacement patterns)', () => {
    const html = inline(
      '<html><head></head><body></body></html>',
      'p',
      'a.replace(/x/,"$&$1")',
      'b{c:d}',
    );
    expect(html).toBe(
      '<html><head><style>b{c:d}</style>\n</head><body><script>a.replace(/x/,"$&$1")</script>\n</body></html>',
    );
    expect(() => inline('<head></head><body></body>', 'p', 'x="</script>"', '')).toThrow(
      /<\/script/,
    );
  });
});
