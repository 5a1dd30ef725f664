// LabelSnapshot: what the graph holds of one regulator's label for one drug. A complete AUTHORISED snapshot
// says every indication the regulator authorised for the drug's products is in the graph (so a use missing
// from it is OFF_LABEL there); NOT_AUTHORISED is a sourced record that the regulator authorised no product of
// the drug. Without a snapshot, a use the graph holds no authorisation for is UNKNOWN (src/regulatory-status.ts).
import { builder } from '../builder.js';
import { labelStatus } from '../ingest/corpus-schema.js';
import { along, reads, EntityInterface, neighbour, neighbourNodes, prop, afterLoad } from './common.js';
import { DrugRef, LabelSnapshotRef, ProductRef, RegulatorRef } from './refs.js';
import { pluralRoot, singularRoot } from './roots.js';

export const LabelStatusEnum = builder.enumType('LabelStatus', {
  description: 'AUTHORISED: the regulator authorised products of the drug (listed). NOT_AUTHORISED: a sourced record that it authorised none.',
  values: labelStatus.options,
});

LabelSnapshotRef.implement({
  interfaces: [EntityInterface],
  fields: (t) => ({
    regulator: t.field({ type: RegulatorRef, ...along('PUBLISHED', 'IN'), resolve: (l, _a, c) => afterLoad(neighbour(c, l, 'PUBLISHED', 'IN'), (n) => n!) }),
    drug: t.field({ type: DrugRef, ...along('LABEL_OF', 'OUT'), resolve: (l, _a, c) => afterLoad(neighbour(c, l, 'LABEL_OF', 'OUT'), (n) => n!) }),
    status: t.field({ type: LabelStatusEnum, resolve: (l) => prop<'AUTHORISED'>(l, 'status')!, ...reads('status') }),
    complete: t.boolean({
      description:
        'true: the graph holds every indication of the listed products as the cited label gives them, so a use not on it is OFF_LABEL. false: only part of it, so such a use is UNKNOWN.',
      resolve: (l) => prop<boolean>(l, 'complete') === true,
      ...reads('complete'),
    }),
    products: t.field({
      type: [ProductRef],
      ...along('COVERS', 'OUT'),
      description: 'Every product of the drug the regulator authorised.',
      resolve: (l, _a, c) => neighbourNodes(c, l, 'COVERS', 'OUT'),
    }),
    labelVersion: t.string({
      nullable: true,
      description: 'The label version the snapshot was taken from, as its source gives it.',
      resolve: (l) => prop<string>(l, 'labelVersion'),
      ...reads('labelVersion'),
    }),
    notes: t.string({ nullable: true, resolve: (l) => prop<string>(l, 'notes'), ...reads('notes') }),
  }),
});

builder.objectField(DrugRef, 'labels', (t) =>
  t.field({
    type: [LabelSnapshotRef],
    ...along('LABEL_OF', 'IN'),
    description: "Each regulator's label of the drug the graph holds.",
    resolve: (d, _a, c) => neighbourNodes(c, d, 'LABEL_OF', 'IN'),
  }),
);
builder.objectField(RegulatorRef, 'labels', (t) =>
  t.field({
    type: [LabelSnapshotRef],
    ...along('PUBLISHED', 'OUT'),
    description: "The regulator's labels the graph holds, one per drug.",
    resolve: (r, _a, c) => neighbourNodes(c, r, 'PUBLISHED', 'OUT'),
  }),
);

singularRoot('labelSnapshot', 'LabelSnapshot', LabelSnapshotRef, 'A label snapshot by key, e.g. "ema-baricitinib"; null when unknown.');
pluralRoot('labelSnapshots', 'LabelSnapshot', LabelSnapshotRef, 'Label snapshots, paged.');
