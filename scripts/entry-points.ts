/**
 * Reads the entry points of src/entry.ts with the TypeScript compiler: each exported function's
 * name, real parameter names and JSDoc. The build turns them into top-level functions of Code.js.
 */
import ts from 'typescript';

export interface EntryPoint {
  readonly name: string;
  readonly params: readonly string[];
  /** The JSDoc block as written in the source, or '' when there is none. */
  readonly jsdoc: string;
  /** True when the JSDoc has @customfunction: Sheets lists it in autocomplete. */
  readonly customFunction: boolean;
}

export function readEntryPoints(entryFile: string): EntryPoint[] {
  const program = ts.createProgram([entryFile], {
    strict: true,
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    noEmit: true,
    types: ['google-apps-script'],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entryFile);
  if (!source) throw new Error(`cannot read ${entryFile}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${entryFile} has no exports`);
  return checker.getExportsOfModule(moduleSymbol).map((exported) => {
    const symbol =
      exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const decl = symbol.declarations?.find(ts.isFunctionDeclaration);
    if (!decl) {
      throw new Error(
        `${entryFile}: export "${exported.name}" is not a function declaration; entry points must be functions`,
      );
    }
    const file = decl.getSourceFile();
    // The footer passes each parameter on by name: `function F(a, b) { return App.F(a, b); }`.
    // A destructured, rest (`...a`) or defaulted (`a = 1`) parameter would be passed on wrongly.
    const params = decl.parameters.map((p) => {
      if (!ts.isIdentifier(p.name))
        throw new Error(
          `${exported.name}: a destructured parameter cannot be an entry-point parameter`,
        );
      if (p.dotDotDotToken || p.initializer)
        throw new Error(
          `${exported.name}: "${p.getText()}" cannot be an entry-point parameter (use a plain name; make it optional with "?" and default it inside)`,
        );
      return p.name.text;
    });
    const docs = ts.getJSDocCommentsAndTags(decl).filter(ts.isJSDoc);
    const last = docs[docs.length - 1];
    const jsdoc = last ? file.text.slice(last.getStart(file), last.end) : '';
    return {
      name: exported.name,
      params,
      jsdoc: jsdoc.replace(/^[ \t]+\*/gm, ' *'),
      customFunction: /@customfunction\b/.test(jsdoc),
    };
  });
}

/** The top-level declarations appended to the bundle: `function NAME(a, b) { return App.NAME(a, b); }`. */
export function footer(globalName: string, entries: readonly EntryPoint[]): string {
  return entries
    .map((e) => {
      const args = e.params.join(', ');
      const doc = e.jsdoc || `/** Entry point: ${e.name}. */`;
      return `${doc}\nfunction ${e.name}(${args}) {\n  return ${globalName}.${e.name}(${args});\n}\n`;
    })
    .join('\n');
}
