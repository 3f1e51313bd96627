import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = process.env.TANDEM_API_URL ?? 'http://localhost:3000';

/** The web app: root src/web, built into dist/web with hashed files under dist/web/assets. */
export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: true,
    chunkSizeWarningLimit: 800,
    // Every file is served from /assets (data: URLs would need a wider CSP for fonts).
    assetsInlineLimit: 0,
    rolldownOptions: {
      // recurrence.ts reads `rrule`'s default export only where Node loads its CommonJS main;
      // the bundle takes the ES module, where that branch never runs.
      onLog(level, log, handler) {
        if (log.code === 'IMPORT_IS_UNDEFINED' && log.id?.endsWith('recurrence.ts')) return;
        handler(level, log);
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': {
        target: apiTarget,
        // The server refuses cookie-authenticated changes from another origin (CSRF), so the
        // proxy presents the API's own origin.
        configure: (proxy) => {
          proxy.on('proxyReq', (request) => {
            if (request.getHeader('origin')) request.setHeader('origin', new URL(apiTarget).origin);
          });
        },
      },
    },
  },
});
