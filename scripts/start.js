#!/usr/bin/env node
// `npm start`: build when sources changed, then run the service in this process (signals reach it directly).
require('./build-if-needed');
require('../dist/src/main.js');
