// Imports every part of the schema (each registers its types on the builder) and builds it.
import { builder } from '../builder.js';
import { forwardPagingOnly } from './connections.js';
import './common.js';
import './drug.js';
import './product.js';
import './target.js';
import './pathway.js';
import './condition.js';
import './study.js';
import './finding.js';
import './regulator.js';
import './approval.js';
import './label-snapshot.js';
import './arms.js';
import './search.js';
import './paths.js';
import './evidence.js';
import './uses.js';
import './audit.js';
import './meta.js';

export const schema = forwardPagingOnly(builder.toSchema());
