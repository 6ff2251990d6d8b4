#!/usr/bin/env node
// The `weir` executable: registers tsx so Node (20 or 22) can load the TypeScript CLI, then runs it.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
