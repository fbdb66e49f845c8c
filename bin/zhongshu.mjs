#!/usr/bin/env node
// The `zhongshu` command. TypeScript runs through tsx's loader, so there is
// no separate build step for the server and the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
