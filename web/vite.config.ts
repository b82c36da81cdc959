import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The production build is served by the server from web/dist on the same origin;
// in development the Vite dev server forwards /api to the server on port 3000.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // scripts/check-bundle.mjs reads the manifest to measure what the login route loads.
    manifest: true,
    chunkSizeWarningLimit: 1500,
  },
});
