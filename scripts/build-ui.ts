/**
 * Builds every sidebar/dialog page into ONE self-contained file dist/<page>.html: for each folder
 * src/ui/<page>/ holding page.html, esbuild bundles client/main.tsx (IIFE, ES2020, browser,
 * Preact's automatic JSX) and style.css (its @imports inlined), and both are inlined into the
 * page — the script before </body>, the styles before </head>. The result may load nothing from
 * outside: the build fails on any external reference (see checkSelfContained).
 */
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** XML namespace names that the DOM needs to create SVG/MathML elements: identifiers, not links. */
const NAMESPACE_URIS = new Set([
  'http://www.w3.org/2000/svg',
  'http://www.w3.org/1999/xlink',
  'http://www.w3.org/1999/xhtml',
  'http://www.w3.org/1998/Math/MathML',
  'http://www.w3.org/XML/1998/namespace',
  'http://www.w3.org/2000/xmlns/',
]);

/** The page folders: every src/ui/<name>/ with a page.html. */
export function pageNames(uiDir: string): string[] {
  return readdirSync(uiDir)
    .filter((d) => existsSync(join(uiDir, d, 'page.html')))
    .sort();
}

/** Builds each page into dist/<page>.html; returns "<page>.html n KB" lines. */
export async function buildPages(root: string, dist: string): Promise<string[]> {
  const uiDir = join(root, 'src/ui');
  if (!existsSync(uiDir)) return [];
  const out: string[] = [];
  for (const page of pageNames(uiDir)) {
    const dir = join(uiDir, page);
    const entry = ['client/main.tsx', 'client/main.ts']
      .map((f) => join(dir, f))
      .find((f) => existsSync(f));
    if (!entry) throw new Error(`src/ui/${page}: page.html needs client/main.tsx (or .ts)`);
    const styleFile = existsSync(join(dir, 'style.css'))
      ? join(dir, 'style.css')
      : join(uiDir, 'kit/addon.css');
    const [js, css] = await Promise.all([
      build({
        entryPoints: [entry],
        bundle: true,
        format: 'iife',
        target: 'es2020',
        platform: 'browser',
        jsx: 'automatic',
        jsxImportSource: 'preact',
        minify: true,
        legalComments: 'none',
        charset: 'utf8',
        write: false,
        logLevel: 'warning',
      }),
      build({
        entryPoints: [styleFile],
        bundle: true,
        minify: true,
        loader: { '.css': 'css' },
        legalComments: 'none',
        charset: 'utf8',
        write: false,
        logLevel: 'warning',
      }),
    ]);
    const script = js.outputFiles[0]?.text.trim() ?? '';
    const style = css.outputFiles[0]?.text.trim() ?? '';
    const html = inline(readFileSync(join(dir, 'page.html'), 'utf8'), page, script, style);
    checkSelfContained(html, `${page}.html`);
    writeFileSync(join(dist, `${page}.html`), html);
    out.push(`${page}.html ${(Buffer.byteLength(html) / 1024).toFixed(1)} KB`);
  }
  return out;
}

/** Puts the styles before </head> and the script before </body>. */
export function inline(template: string, page: string, script: string, style: string): string {
  if (!template.includes('</head>') || !template.includes('</body>'))
    throw new Error(`src/ui/${page}/page.html needs </head> and </body>`);
  // Inside <script>, "</script" would end the element and "<!--" changes how it is parsed.
  if (/<\/script/i.test(script) || script.includes('<!--'))
    throw new Error(`${page}: the bundled script contains "</script" or "<!--"`);
  if (/<\/style/i.test(style)) throw new Error(`${page}: the bundled styles contain "</style"`);
  // Replacement functions, not strings: "$&" and the like in the bundle must stay as they are.
  return template
    .replace('</head>', () => `<style>${style}</style>\n</head>`)
    .replace('</body>', () => `<script>${script}</script>\n</body>`);
}

/**
 * Fails when the page could load anything from outside: an http(s) URL (other than the XML
 * namespace names the DOM uses), a protocol-relative src/href, a <link> or a <script src>, a CSS
 * @import or url() that is not a data: URI.
 */
export function checkSelfContained(html: string, name: string): void {
  const problems: string[] = [];
  for (const m of html.matchAll(/https?:\/\/[^\s"'`)<>\\]*/gi))
    if (!NAMESPACE_URIS.has(m[0])) problems.push(m[0]);
  if (/<link\b/i.test(html)) problems.push('<link>');
  if (/<script\b[^>]*\bsrc\s*=/i.test(html)) problems.push('<script src>');
  if (/\b(?:src|href|action)\s*=\s*["']?\/\//i.test(html)) problems.push('a protocol-relative URL');
  if (/@import/i.test(html)) problems.push('@import');
  for (const m of html.matchAll(/url\(\s*["']?([^"')]*)/gi))
    if (!(m[1] ?? '').startsWith('data:')) problems.push(`url(${m[1] ?? ''})`);
  if (problems.length)
    throw new Error(
      `${name} must be self-contained, but refers to ${[...new Set(problems)].join(', ')}`,
    );
}
