import { unsupportedNodeMessage } from './runtime.js';

// Imported first by every entry point, so an unsupported Node stops here with a way out instead of
// failing later inside a dependency.
const problem = unsupportedNodeMessage();
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}
