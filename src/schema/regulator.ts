// Regulator: an agency and the approvals it issued.
import { toRelationship } from '../graph/records.js';
import { along, reads, EntityInterface, neighbourNodes, prop } from './common.js';
import { approvalArgs, filterApprovals } from './approval.js';

// A regulator's approvals are its own: no `regulator` argument to filter them by.
const { regulator: _regulator, ...regulatorApprovalArgs } = approvalArgs;
import { ApprovalRef, RegulatorRef } from './refs.js';
import { pluralRoot, singularRoot } from './roots.js';

RegulatorRef.implement({
  interfaces: [EntityInterface],
  fields: (t) => ({
    jurisdiction: t.string({ resolve: (r) => prop<string>(r, 'jurisdiction')!, ...reads('jurisdiction') }),
    approvals: t.field({
      type: [ApprovalRef],
      ...along('ISSUED', 'OUT'),
      args: regulatorApprovalArgs,
      resolve: async (r, args, c) =>
        filterApprovals(
          (await neighbourNodes(c, r, 'ISSUED', 'OUT')).map((node) => ({ node, rel: toRelationship({ regulator: r.key }) })),
          args,
        ),
    }),
  }),
});

singularRoot('regulator', 'Regulator', RegulatorRef, 'A regulator by acronym (FDA, EMA, MHRA, PMDA); null when unknown.');
pluralRoot('regulators', 'Regulator', RegulatorRef, 'Regulators, paged.');
