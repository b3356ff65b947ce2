import { defineConfig } from "vitest/config";

// The window loads the built files from ui/dist (tauri.conf.json:
// build.frontendDist). No dev server: `scripts/run-app.sh` builds once.
export default defineConfig({
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari15",
    sourcemap: false,
    // One small bundle: the window opens faster without extra requests.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
  },
});
