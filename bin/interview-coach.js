#!/usr/bin/env node
// chalk/supports-color and Ink ignore NO_COLOR, so translate it before they load.
if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') process.env.FORCE_COLOR = '0';
await import('../dist/cli.js');
