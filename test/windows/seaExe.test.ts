// The Windows suite with dist/hotfix-verify.exe, alone in an empty folder, under wine: every command with no Node installed.
import { defineWindowsSuite } from './suite.js';

defineWindowsSuite('hotfix-verify.exe');
