import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The window is served from `dist/`, embedded into the Tauri binary (src-tauri/tauri.conf.json).
export default defineConfig({
  plugins: [svelte()],
  // Relative asset paths: the app is loaded from Tauri's own protocol, not a web server root.
  base: './',
  // The Fluent files live in ../locales, shared with the library and the CLI.
  server: { fs: { allow: ['..'] } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  test: { environment: 'node', include: ['src/**/*.test.ts'] },
});
