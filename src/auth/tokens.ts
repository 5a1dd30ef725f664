// Curation tokens: configured as hashes (KG_TOKENS, `id:sha256hex:scope+scope` entries, comma-separated),
// never as plaintext. A presented bearer token is hashed and compared with every configured hash in
// constant time; the token itself is never stored, logged or echoed.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The scopes a token can carry. `curate`: the Mutation root (addFinding, retractFinding). */
export const scopes = ['curate'] as const;
export type Scope = (typeof scopes)[number];

export interface TokenRecord {
  id: string;
  sha256: Buffer;
  scopes: ReadonlySet<Scope>;
}

/** Who is calling: a verified token, nobody (no Authorization header), or a token that matched nothing. */
export type Caller = { kind: 'token'; tokenId: string; scopes: ReadonlySet<Scope> } | { kind: 'anonymous' } | { kind: 'invalid'; reason: string };

const TOKEN_ID = /^[A-Za-z0-9._-]{1,64}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new random token (256 bits, base64url) with a recognisable prefix. */
export function newToken(): string {
  return `jkg_${randomBytes(32).toString('base64url')}`;
}

/** Parses KG_TOKENS; throws with the offending entry's position (never its hash) when malformed. */
export function parseTokens(spec: string): TokenRecord[] {
  const entries = spec
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const seen = new Set<string>();
  return entries.map((entry, i) => {
    const [id, hash, scopeList, ...rest] = entry.split(':');
    const where = `KG_TOKENS entry ${i + 1}`;
    if (rest.length > 0 || !id || !hash || scopeList === undefined) throw new Error(`${where}: expected id:sha256hex:scope+scope`);
    if (!TOKEN_ID.test(id)) throw new Error(`${where}: the id must be 1-64 letters, digits, dots, dashes or underscores`);
    if (!SHA256_HEX.test(hash)) throw new Error(`${where} (${id}): the hash must be 64 lowercase hex digits (sha256 of the token)`);
    if (seen.has(id)) throw new Error(`${where}: the id ${id} is used twice`);
    seen.add(id);
    const granted = scopeList.split('+').filter(Boolean);
    for (const s of granted) {
      if (!(scopes as readonly string[]).includes(s)) throw new Error(`${where} (${id}): unknown scope "${s}" (known: ${scopes.join(', ')})`);
    }
    return { id, sha256: Buffer.from(hash, 'hex'), scopes: new Set(granted as Scope[]) };
  });
}

/** The caller of a request from its Authorization header. */
export function authenticate(authorization: string | null, tokens: readonly TokenRecord[]): Caller {
  if (authorization === null || authorization.trim() === '') return { kind: 'anonymous' };
  const match = /^Bearer[ ]+([\x21-\x7e]{1,512})\s*$/i.exec(authorization);
  if (!match) return { kind: 'invalid', reason: 'The Authorization header must be "Bearer <token>".' };
  const presented = Buffer.from(hashToken(match[1]), 'hex');
  // Compare with every configured hash, without stopping at the first match, so that the time taken
  // says nothing about which entry (if any) matched.
  let found: TokenRecord | undefined;
  for (const token of tokens) {
    if (timingSafeEqual(presented, token.sha256) && !found) found = token;
  }
  if (!found) return { kind: 'invalid', reason: 'The bearer token is not valid.' };
  return { kind: 'token', tokenId: found.id, scopes: found.scopes };
}
