// The GraphQL clients people use, each with its default settings, against the real server over HTTP
// (issue 13, item 11 and the quality bar): Apollo Client, urql and graphql-request in Node, gql in Python
// (from the project's venv, as the notebook test runs it). Each asks a query with variables and a
// fragment, pages through a connection with first/after, and loads a node by id. urql sends queries by
// GET by default, which the server answers without a CSRF header.
import { execFile } from 'node:child_process';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloClient, HttpLink, InMemoryCache, gql as apolloGql } from '@apollo/client';
import { Client as UrqlClient, cacheExchange, fetchExchange, gql as urqlGql } from '@urql/core';
import { GraphQLClient, gql as requestGql } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../src/server.js';
import { createApp } from '../src/yoga.js';
import { testServices } from './support/app.js';
import { findPython } from './support/python.js';

const services = testServices();
const app = createApp(services);
const methods: string[] = [];
let server: Server;
let url: string;

beforeAll(async () => {
  server = await listen(
    (req: IncomingMessage, res: ServerResponse) => {
      methods.push(req.method ?? '?');
      return app.handle(req, res);
    },
    0,
    '127.0.0.1',
  );
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await services.driver.close();
});

// The same three questions for every client.
const targetsQuery = `query DrugTargets($key: String!, $secondary: Boolean) {
  drug(key: $key) { ...DrugParts targets(includeSecondary: $secondary) { potencyNm target { ...TargetParts } } }
}
fragment DrugParts on Drug { id key name developmentStatus }
fragment TargetParts on Target { id key symbol }`;
const pageQuery = `query Drugs($first: Int, $after: String) {
  drugs(first: $first, after: $after, orderBy: {field: KEY}) { totalCount edges { cursor node { id key } } pageInfo { hasNextPage endCursor } }
}`;
const nodeQuery = `query Node($id: ID!) { node(id: $id) { id __typename ... on Drug { key name } } }`;

interface Targets {
  drug: {
    id: string;
    key: string;
    name: string;
    developmentStatus: string;
    targets: { potencyNm: number | null; target: { id: string; key: string; symbol: string } }[];
  };
}
interface Page {
  drugs: { totalCount: number; edges: { cursor: string; node: { id: string; key: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
interface NodeAnswer {
  node: { id: string; __typename: string; key: string; name: string } | null;
}

/** Pages through every drug, three at a time, with the client's own request function. */
async function allDrugs(ask: (variables: { first: number; after: string | null }) => Promise<Page>) {
  const keys: string[] = [];
  let after: string | null = null;
  let total = 0;
  for (let page = 0; page < 20; page++) {
    const { drugs }: Page = await ask({ first: 3, after });
    total = drugs.totalCount;
    keys.push(...drugs.edges.map((e) => e.node.key));
    if (!drugs.pageInfo.hasNextPage) break;
    after = drugs.pageInfo.endCursor;
  }
  return { keys, total };
}

function expectAnswers(targets: Targets, paged: { keys: string[]; total: number }, node: NodeAnswer) {
  expect(targets.drug).toMatchObject({ key: 'ruxolitinib', name: 'Ruxolitinib', developmentStatus: 'APPROVED' });
  expect(targets.drug.targets.map((t) => t.target.symbol)).toEqual(['JAK1', 'JAK2']);
  expect(paged.keys.length).toBe(paged.total);
  expect(paged.keys).toEqual([...paged.keys].sort());
  expect(paged.keys).toContain('ruxolitinib');
  expect(node.node).toMatchObject({ id: targets.drug.id, __typename: 'Drug', key: 'ruxolitinib' });
}

describe('GraphQL clients with their default settings', () => {
  it('Apollo Client (HttpLink, InMemoryCache)', async () => {
    const client = new ApolloClient({ link: new HttpLink({ uri: url }), cache: new InMemoryCache() });
    const targets = (await client.query<Targets>({ query: apolloGql(targetsQuery), variables: { key: 'ruxolitinib' } })).data!;
    const paged = await allDrugs(async (variables) => (await client.query<Page>({ query: apolloGql(pageQuery), variables })).data!);
    const node = (await client.query<NodeAnswer>({ query: apolloGql(nodeQuery), variables: { id: targets.drug.id } })).data!;
    expectAnswers(targets, paged, node);
    client.stop();
  });

  it('urql (@urql/core Client, cacheExchange and fetchExchange: queries by GET)', async () => {
    const client = new UrqlClient({ url, exchanges: [cacheExchange, fetchExchange] });
    const ask = async <T>(query: string, variables: object): Promise<T> => {
      const result = await client.query(urqlGql(query), variables).toPromise();
      if (result.error) throw result.error;
      return result.data as T;
    };
    const before = methods.length;
    const targets = await ask<Targets>(targetsQuery, { key: 'ruxolitinib' });
    const paged = await allDrugs((variables) => ask<Page>(pageQuery, variables));
    const node = await ask<NodeAnswer>(nodeQuery, { id: targets.drug.id });
    expectAnswers(targets, paged, node);
    // urql's default: queries by GET, without a CSRF header, answered.
    expect(methods.slice(before).every((m) => m === 'GET')).toBe(true);
  });

  it('graphql-request (GraphQLClient)', async () => {
    const client = new GraphQLClient(url);
    const targets = await client.request<Targets>(requestGql`${targetsQuery}`, { key: 'ruxolitinib' });
    const paged = await allDrugs((variables) => client.request<Page>(pageQuery, variables));
    const node = await client.request<NodeAnswer>(nodeQuery, { id: targets.drug.id });
    expectAnswers(targets, paged, node);
  });

  it('gql in Python (Client, RequestsHTTPTransport)', async (context) => {
    const { python, problem } = findPython();
    if (!python) {
      if (process.env.CI) throw new Error(`The gql client test needs Python: ${problem}`);
      console.warn(`SKIPPED gql client test: ${problem}`);
      context.skip(problem);
      return;
    }
    const script = `
import json, os
from gql import Client, gql
from gql.transport.requests import RequestsHTTPTransport
client = Client(transport=RequestsHTTPTransport(url=os.environ["KG_URL"]))
def ask(query, variables):
    request = gql(query)
    request.variable_values = variables
    return client.execute(request)
targets = ask(os.environ["TARGETS"], {"key": "ruxolitinib"})
keys, after, total = [], None, 0
for _ in range(20):
    drugs = ask(os.environ["PAGE"], {"first": 3, "after": after})["drugs"]
    total = drugs["totalCount"]
    keys += [e["node"]["key"] for e in drugs["edges"]]
    if not drugs["pageInfo"]["hasNextPage"]:
        break
    after = drugs["pageInfo"]["endCursor"]
node = ask(os.environ["NODE"], {"id": targets["drug"]["id"]})
print(json.dumps({"targets": targets, "paged": {"keys": keys, "total": total}, "node": node}))
`;
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        python,
        ['-c', script],
        { env: { ...process.env, KG_URL: url, TARGETS: targetsQuery, PAGE: pageQuery, NODE: nodeQuery }, timeout: 60_000 },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
      );
    });
    const { targets, paged, node } = JSON.parse(output.trim().split('\n').at(-1)!);
    expectAnswers(targets, paged, node);
  }, 90_000);
});
