// Product: a marketed form of a drug (brand, formulation, route, strength).
import { along, reads, EntityInterface, neighbour, prop, RouteEnum, afterLoad } from './common.js';
import { DrugRef, ProductRef } from './refs.js';
import { pluralRoot, singularRoot } from './roots.js';

ProductRef.implement({
  interfaces: [EntityInterface],
  fields: (t) => ({
    brand: t.string({ resolve: (p) => p.name, ...reads() }),
    drug: t.field({ type: DrugRef, ...along('CONTAINS', 'OUT'), resolve: (p, _a, c) => afterLoad(neighbour(c, p, 'CONTAINS', 'OUT'), (n) => n!) }),
    formulation: t.string({ nullable: true, resolve: (p) => prop<string>(p, 'formulation'), ...reads('formulation') }),
    route: t.field({ type: RouteEnum, resolve: (p) => prop<'TOPICAL'>(p, 'route')!, ...reads('route') }),
    strength: t.string({ nullable: true, resolve: (p) => prop<string>(p, 'strength'), ...reads('strength') }),
  }),
});

singularRoot('product', 'Product', ProductRef, 'A product by key, e.g. "opzelura-cream-1-5"; null when unknown.');
pluralRoot('products', 'Product', ProductRef, 'Products, paged.');
