// `jak-kg token <id> [scope+scope]` (also `npm run token -- ...`): makes a new curation token. Prints the token
// (give it to the curator, once) and the KG_TOKENS entry holding only its hash (put that in the server's
// environment).
import { hashToken, newToken, parseTokens, scopes } from '../auth/tokens.js';
import { parseCommandLine, UsageError } from './usage.js';

export const tokenUsage = `usage: jak-kg token <id> [scope+scope]      (also: npm run token -- <id> [scope+scope])

Makes a curation token for <id>: prints the token (it is stored nowhere) and the KG_TOKENS entry that holds
its hash. Scopes: ${scopes.join(', ')}; default curate.
`;

export async function tokenCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {});
  if (values.help) {
    process.stdout.write(tokenUsage);
    return 0;
  }
  const [id, scopeList = 'curate', unexpected] = positionals;
  if (!id) throw new UsageError('missing id');
  if (unexpected !== undefined) throw new UsageError(`unexpected argument: ${unexpected}`);
  const token = newToken();
  const entry = `${id}:${hashToken(token)}:${scopeList}`;
  try {
    parseTokens(entry); // the same checks the server applies at start-up
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  process.stdout.write(`token (give it to ${id}; it is not stored anywhere): ${token}\n`);
  process.stdout.write(`KG_TOKENS entry (append to the comma-separated list): ${entry}\n`);
  return 0;
}
