#!/usr/bin/env node
// The `matbank` command. TypeScript sources run through tsx, so there is no build step
// between `npm install` and a working CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
