#!/usr/bin/env node
// The command line, from the built JavaScript in dist/ (`npm run build`; `npm install` builds it).
await import('../dist/cli/main.js');
