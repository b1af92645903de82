#!/usr/bin/env node
// Thin launcher: the CLI is compiled and bundled into dist/ (by `npm ci` through the prepare
// script, or `npm run build`); the bundle starts faster than the separate modules.
import { main } from '../dist/cli-bundle/main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
