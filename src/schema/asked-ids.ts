// node(id:) and nodes(ids:) answer each node with the id it was asked by. Keys are case-insensitive, so
// `Drug:RUXOLITINIB` and `Drug:ruxolitinib` load the same entity; a Relay client caches a node under the id
// it asked for and expects that id back (Global Object Identification). The loaded record is answered as a
// thin view of itself that remembers the key asked for; every other field reads through to the record.
const ASKED_KEY = Symbol('askedKey');

/** The record as answered for an id naming `key` (null stays null). */
export function asAsked<T>(record: T, key: string): T {
  if (record === null || typeof record !== 'object') return record;
  const view = Object.create(record as object) as Record<symbol, unknown>;
  view[ASKED_KEY] = key;
  return view as T;
}

/** The key the `id` field encodes: the one asked for, else the entity's own. */
export function idKeyOf(record: { key: string }): string {
  return ((record as unknown as Record<symbol, unknown>)[ASKED_KEY] as string | undefined) ?? record.key;
}
