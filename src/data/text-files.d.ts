/** Data files esbuild bundles as text (scripts/build.ts) and vitest loads the same way. */
declare module '*.csv' {
  const text: string;
  export default text;
}
