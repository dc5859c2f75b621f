import type { AnyRule } from '../src/engine/types.js';
import ambiguousTableOwner from './ambiguous-table-owner.js';
import noCrossServiceForeignKey from './no-cross-service-foreign-key.js';
import noCrossServiceQuery from './no-cross-service-query.js';
import parseError from './parse-error.js';
import unknownTable from './unknown-table.js';

/** Every rule, keyed by id (= file name). A meta-test checks this matches the folder. */
export const ruleRegistry: Record<string, AnyRule> = {
  'ambiguous-table-owner': ambiguousTableOwner,
  'no-cross-service-foreign-key': noCrossServiceForeignKey,
  'no-cross-service-query': noCrossServiceQuery,
  'parse-error': parseError,
  'unknown-table': unknownTable,
};
