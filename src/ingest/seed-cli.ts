// `npm run seed`: the same as `jak-kg seed` (src/cli/seed-command.ts), progress bar included.
import { runCli } from '../cli/main.js';

process.exit(await runCli(['seed', ...process.argv.slice(2)]));
