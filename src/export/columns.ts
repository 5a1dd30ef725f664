// The columns of /export/nodes/<Label>.*, from the graph model's properties (src/graph-model.ts): the
// entity's own first, the label's next, the JSON-encoded lists last.
import { entityListProperties, entityProperties, internalProperties, nodeProperties, type NodeLabel } from '../graph-model.js';

export const entityColumns = entityProperties;
export const entityListColumns = entityListProperties;
export { internalProperties };
/** A per-label node table's columns. */
export const labelColumns = (label: NodeLabel): string[] => [...entityColumns, ...nodeProperties[label], ...entityListColumns];
