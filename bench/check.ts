// Before anything is timed: each implementation answers each question once, and the three answers must be
// the same (after questions.ts brings them to one form). A difference stops the bench with the first place
// where the answers part, and writes the three answers to .neo4j/bench-mismatch-<question>.json.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/db/local-neo4j.js';
import type { ImplementationId, Question } from './questions.js';
import type { RunningServer } from './servers.js';

export interface Reply {
  status: number;
  body: string;
  bytes: number;
  roundTrips: number | null;
  ms: number;
}

export async function ask(server: RunningServer, request: { path: string; body: string }): Promise<Reply> {
  const started = performance.now();
  const response = await fetch(`${server.url}${request.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: request.body,
  });
  const body = await response.text();
  const trips = response.headers.get('x-cypher-round-trips');
  return { status: response.status, body, bytes: Buffer.byteLength(body), roundTrips: trips === null ? null : Number(trips), ms: performance.now() - started };
}

/** The first JSON path where a and b differ, or null. */
export function firstDifference(a: unknown, b: unknown, at = '$'): string | null {
  if (Object.is(a, b)) return null;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object')
    return `${at}: ${JSON.stringify(a)?.slice(0, 200)} vs ${JSON.stringify(b)?.slice(0, 200)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${at}: array vs object`;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${at}[${i}]`);
      if (d) return a.length !== b.length ? `${d} (lengths ${a.length} vs ${b.length})` : d;
    }
    return null;
  }
  const ao = a as Record<string, unknown>,
    bo = b as Record<string, unknown>;
  for (const key of new Set([...Object.keys(ao), ...Object.keys(bo)])) {
    const d = firstDifference(ao[key], bo[key], `${at}.${key}`);
    if (d) return d;
  }
  return null;
}

export interface Checked {
  question: Question;
  replies: Record<ImplementationId, Reply>;
  /** A line saying how big the answer is (e.g. "357 findings"). */
  size: string;
}

function describe(question: Question, answer: any): string {
  // eslint-disable-line @typescript-eslint/no-explicit-any
  switch (question.id) {
    case 'lookup':
      return answer?.drug ? `1 drug, ${answer.drug.xrefs.length} xrefs` : 'no drug';
    case 'nested': {
      const targets = answer.reduce((s: number, d: any) => s + d.targets.length, 0); // eslint-disable-line @typescript-eslint/no-explicit-any
      const pathways = answer.reduce((s: number, d: any) => s + d.targets.reduce((t: number, x: any) => t + x.target.pathways.length, 0), 0); // eslint-disable-line @typescript-eslint/no-explicit-any
      const conditions = answer.reduce(
        (s: number, d: any) => s + d.targets.reduce((t: number, x: any) => t + x.target.pathways.reduce((u: number, p: any) => u + p.conditions.length, 0), 0),
        0,
      ); // eslint-disable-line @typescript-eslint/no-explicit-any
      return `${answer.length} drugs, ${targets} targets, ${pathways} pathways, ${conditions} conditions (nested)`;
    }
    case 'deep': {
      const pathways = answer.conditions.flatMap((c: any) => c.pathways); // eslint-disable-line @typescript-eslint/no-explicit-any
      const children = pathways.flatMap((p: any) => p.children); // eslint-disable-line @typescript-eslint/no-explicit-any
      const conditions = children.reduce((s: number, c: any) => s + c.conditions.length, 0); // eslint-disable-line @typescript-eslint/no-explicit-any
      return `${answer.conditions.length} conditions${answer.hasNextPage ? ' (more follow)' : ' (the last page)'}, ${pathways.length} pathways, ${children.length} sub-pathways, ${conditions} conditions (nested)`;
    }
    case 'evidence':
      return answer?.evidence ? `${answer.evidence.findings.length} findings from ${answer.evidence.studies} studies` : 'no evidence';
    case 'paths':
      return `${answer.paths.length} paths of length ${[...new Set(answer.paths.map((p: { length: number }) => p.length))].join(', ') || '-'}`;
    case 'search':
      return `${answer.search.length} hits, first ${answer.search[0]?.entity.key ?? '-'}`;
  }
}

export async function checkQuestion(question: Question, servers: Record<ImplementationId, RunningServer>): Promise<Checked> {
  const replies = {} as Record<ImplementationId, Reply>;
  const answers = {} as Record<ImplementationId, unknown>;
  for (const id of ['floor', 'ours', 'peer'] as const) {
    const reply = await ask(servers[id], question.requests[id]);
    if (reply.status !== 200) throw new Error(`${id} answered ${question.id} with HTTP ${reply.status}: ${reply.body.slice(0, 500)}`);
    replies[id] = reply;
    answers[id] = question.answer[id](JSON.parse(reply.body));
  }
  for (const other of ['floor', 'peer'] as const) {
    const difference = firstDifference(answers.ours, answers[other]);
    if (difference) {
      const file = path.join(PROJECT_ROOT, '.neo4j', `bench-mismatch-${question.id}.json`);
      writeFileSync(file, JSON.stringify(answers, null, 1));
      throw new Error(`${question.id}: ours and ${other} answer differently at ${difference} (all three answers in ${file})`);
    }
  }
  return { question, replies, size: describe(question, answers.ours) };
}
