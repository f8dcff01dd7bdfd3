import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The agent desk. `npm run build:web` writes web/dist, which `cis serve` serves at `/`.
// `npm run dev:web` runs Vite's dev server with the API proxied to a running `npm start`.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 400 },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000', '/healthz': 'http://localhost:3000' },
  },
});
