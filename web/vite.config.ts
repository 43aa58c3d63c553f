import { defineConfig } from 'vite';

// The console is served by `haiquan serve` from web/dist: one origin, no dev server in production.
// `npm run dev` proxies the API to a local server for working on the pages.
export default defineConfig({
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    // No inline module-preload polyfill: the page must pass a strict script-src 'self'.
    modulePreload: { polyfill: false },
    // ECharts (imported only by the pages with charts) lands in its own chunk of ~600 kB.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { '/api': process.env.HAIQUAN_URL ?? 'http://127.0.0.1:8080' },
  },
});
