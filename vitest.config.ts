import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Data files the bundle imports as text (esbuild's "text" loader, scripts/build.ts).
  plugins: [
    {
      name: 'csv-as-text',
      transform(code: string, id: string) {
        return id.endsWith('.csv')
          ? { code: `export default ${JSON.stringify(code)};`, map: null }
          : null;
      },
    },
  ],
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
