import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./src-renderer', import.meta.url));

// The renderer bundle. base './' so the same build loads from app://renderer/ in Electron and
// from the bridge's static server in a browser. Dev server binds loopback only.
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
  },
  server: {
    host: '127.0.0.1',
    strictPort: false,
    fs: { allow: [fileURLToPath(new URL('.', import.meta.url))] },
  },
  clearScreen: false,
});
