import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In dev, the sync websocket and the API go to the server (RONDE_SERVER to
// point elsewhere); in production the server serves this build itself.
const server = process.env.RONDE_SERVER ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  base: '/',
  server: {
    proxy: {
      '/sync': { target: server, ws: true, changeOrigin: true },
      '/api': { target: server, changeOrigin: true },
      '/healthz': { target: server, changeOrigin: true },
    },
  },
  preview: {
    proxy: {
      '/sync': { target: server, ws: true, changeOrigin: true },
      '/api': { target: server, changeOrigin: true },
    },
  },
  // The manifest tells scripts/bundleBudget.mjs which chunks each route loads.
  build: { outDir: 'dist', sourcemap: true, manifest: true },
});
