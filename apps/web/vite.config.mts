// The web console: built into dist/web, which the API serves at `/` (apps/api/src/web).
// `npx vite apps/web` serves it for development with /api proxied to a running `npm start`.
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [vue()],
  // The words of every code, from their one home in libs/domain (pure TypeScript, type-only imports):
  // the console imports the label tables, not the domain (the same path is in tsconfig.json for vue-tsc).
  resolve: {
    alias: {
      '@domain/labels': fileURLToPath(new URL('../../libs/domain/src/labels/index.ts', import.meta.url)),
      '@domain/china-time': fileURLToPath(new URL('../../libs/domain/src/calendar/china-time.ts', import.meta.url)),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // The chart and editor libraries change rarely: their own files stay cached across releases.
        manualChunks: (id) =>
          id.includes('node_modules/echarts') || id.includes('node_modules/zrender')
            ? 'echarts'
            : id.includes('node_modules/@codemirror') || id.includes('node_modules/codemirror') || id.includes('node_modules/@lezer')
              ? 'codemirror'
              : undefined,
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
