import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./src-renderer', import.meta.url));

// The back office (/manage), served by the central server — never part of the Electron app.
// Its own output folder, so electron-builder's dist/renderer stays the till alone.
export default defineConfig({
  root,
  base: '/manage/',
  plugins: [react()],
  // The till's public files (its hold-release service worker) are not the back office's.
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('./dist/manage', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    rollupOptions: { input: fileURLToPath(new URL('./src-renderer/manage.html', import.meta.url)) },
  },
  clearScreen: false,
});
