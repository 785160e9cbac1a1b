#!/usr/bin/env node
// The fleetform command line (lib/cli). Installed as a package it runs the
// compiled build/lib/cli; in a checkout of fleetform's own repository, where
// lib/cli/main.ts is present, it runs the source through tsx, so it is never
// older than the code and needs no build.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

// A reader that stops early (fleetform list | head) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const root = join(__dirname, '..');
const source = join(root, 'lib', 'cli', 'main.ts');
let cli;
if (existsSync(source)) {
  require('tsx/cjs/api').register();
  cli = require(source);
} else {
  cli = require(join(root, 'build', 'lib', 'cli', 'main.js'));
}
cli.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(e);
    process.exitCode = 1;
  },
);
