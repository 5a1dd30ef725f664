// `npm run token -- <id> [scope+scope]`: makes a new curation token. Prints the token (give it to the
// curator, once) and the KG_TOKENS entry holding only its hash (put that in the server's environment).
import { hashToken, newToken, parseTokens, scopes } from './tokens.js';

const [id, scopeList = 'curate'] = process.argv.slice(2);
if (!id || id === '--help' || id === '-h') {
  console.error(`usage: npm run token -- <id> [scope+scope]   (scopes: ${scopes.join(', ')}; default curate)`);
  process.exit(id ? 0 : 1);
}
const token = newToken();
const entry = `${id}:${hashToken(token)}:${scopeList}`;
try {
  parseTokens(entry); // the same checks the server applies at start-up
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
console.log(`token (give it to ${id}; it is not stored anywhere): ${token}`);
console.log(`KG_TOKENS entry (append to the comma-separated list): ${entry}`);
