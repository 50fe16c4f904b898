import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./src-renderer', import.meta.url));

// The customers' refund pages (/refund-request), served by the central server — never part of
// the Electron app. Their own output folder, like the back office's.
export default defineConfig({
  root,
  base: '/refund-request/',
  plugins: [react()],
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('./dist/refund-request', import.meta.url)),
    emptyOutDir: true,
    // Customers' phones: a year or two of browsers, not only the till's Chromium.
    target: ['chrome110', 'safari15', 'firefox110'],
    sourcemap: true,
    rollupOptions: {
      input: fileURLToPath(new URL('./src-renderer/refund-request.html', import.meta.url)),
    },
  },
  clearScreen: false,
});
