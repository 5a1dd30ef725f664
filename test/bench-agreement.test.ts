// The benchmark (npm run bench) times three implementations only after checking that they answer alike.
// This runs that check on the corpus, in-process, without timing anything: our server through yoga.fetch,
// the floor's handlers and the @neo4j/graphql peer on the test database.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { firstDifference } from '../bench/check.js';
import { createFloor } from '../bench/floor/handlers.js';
import { createPeer, requestStats } from '../bench/peer/app.js';
import { oursEnv, questions } from '../bench/questions.js';
import { createDriver } from '../src/db/driver.js';
import { defaultLimits } from '../src/limits.js';
import { testApp } from './support/app.js';

// With the limits the bench starts our server with (its deep page asks for 1,000 conditions).
const { app, close } = testApp({
  limits: { ...defaultLimits, maxPageSize: Number(oursEnv.KG_MAX_PAGE_SIZE), maxComplexity: Number(oursEnv.KG_MAX_COMPLEXITY) },
});
const driver = createDriver(inject('neo4j'));
afterAll(async () => {
  await close();
  await driver.close();
});

const post = (body: string) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe("the benchmark's three implementations", () => {
  it('give the same answer to each question on the corpus', async () => {
    const floor = createFloor(driver);
    const peer = await createPeer(driver);
    for (const question of questions()) {
      const ours = question.answer.ours(await (await app.fetch(`http://test${question.requests.ours.path}`, post(question.requests.ours.body))).json());
      const floorData = await floor.answer(question.requests.floor.path.slice(1), JSON.parse(question.requests.floor.body));
      const fromFloor = question.answer.floor(JSON.parse(JSON.stringify({ data: floorData!.data })));
      const peerResponse = await requestStats.run({ roundTrips: 0 }, () =>
        peer.fetch(`http://test${question.requests.peer.path}`, post(question.requests.peer.body)),
      );
      const fromPeer = question.answer.peer(await peerResponse.json());
      expect(JSON.stringify(ours).length, `${question.id}: a real answer`).toBeGreaterThan(200);
      expect(firstDifference(ours, fromFloor), `${question.id}: ours vs floor`).toBeNull();
      expect(firstDifference(ours, fromPeer), `${question.id}: ours vs peer`).toBeNull();
    }
  }, 60_000);
});
