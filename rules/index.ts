import type { AnyRule } from '../src/engine/types.js';
import ambiguousTableOwner from './ambiguous-table-owner.js';
import auditColumns from './audit-columns.js';
import booleanColumnName from './boolean-column-name.js';
import enumValueCase from './enum-value-case.js';
import foreignKeyColumnName from './foreign-key-column-name.js';
import identifierCase from './identifier-case.js';
import indexName from './index-name.js';
import migrationDialectMismatch from './migration-dialect-mismatch.js';
import migrationDuplicateVersion from './migration-duplicate-version.js';
import migrationFileName from './migration-file-name.js';
import noCrossServiceForeignKey from './no-cross-service-foreign-key.js';
import noCrossServiceImport from './no-cross-service-import.js';
import noCrossServiceQuery from './no-cross-service-query.js';
import noHardcodedCredentials from './no-hardcoded-credentials.js';
import noInsecureDbTls from './no-insecure-db-tls.js';
import noSharedDatabase from './no-shared-database.js';
import noUnsafeEnvDefault from './no-unsafe-env-default.js';
import parseError from './parse-error.js';
import primaryKeyName from './primary-key-name.js';
import serviceWithoutMigrations from './service-without-migrations.js';
import tablePrefix from './table-prefix.js';
import timestampColumns from './timestamp-columns.js';
import unanalysedFile from './unanalysed-file.js';
import unknownTable from './unknown-table.js';

/** Every rule, keyed by id (= file name). A meta-test checks this matches the folder. */
export const ruleRegistry: Record<string, AnyRule> = {
  'ambiguous-table-owner': ambiguousTableOwner,
  'audit-columns': auditColumns,
  'boolean-column-name': booleanColumnName,
  'enum-value-case': enumValueCase,
  'foreign-key-column-name': foreignKeyColumnName,
  'identifier-case': identifierCase,
  'index-name': indexName,
  'migration-dialect-mismatch': migrationDialectMismatch,
  'migration-duplicate-version': migrationDuplicateVersion,
  'migration-file-name': migrationFileName,
  'no-cross-service-foreign-key': noCrossServiceForeignKey,
  'no-cross-service-import': noCrossServiceImport,
  'no-cross-service-query': noCrossServiceQuery,
  'no-hardcoded-credentials': noHardcodedCredentials,
  'no-insecure-db-tls': noInsecureDbTls,
  'no-shared-database': noSharedDatabase,
  'no-unsafe-env-default': noUnsafeEnvDefault,
  'parse-error': parseError,
  'primary-key-name': primaryKeyName,
  'service-without-migrations': serviceWithoutMigrations,
  'table-prefix': tablePrefix,
  'timestamp-columns': timestampColumns,
  'unanalysed-file': unanalysedFile,
  'unknown-table': unknownTable,
};
