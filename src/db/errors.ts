// Driver errors become named GraphQL errors here, in one place, keyed on the Neo4j error code.
// Anything not recognised is rethrown as is and masked by Yoga ("Unexpected error.").
// The driver error is not attached as `originalError`: Yoga masks any error whose original is not a
// GraphQLError, which would hide these codes from clients.
import { GraphQLError } from 'graphql';
import { Neo4jError } from 'neo4j-driver';

function coded(message: string, code: string, status: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status } } });
}

export function serviceUnavailable(): GraphQLError {
  return coded('The graph database is unavailable; try again shortly.', 'SERVICE_UNAVAILABLE', 503);
}

export function mapDriverError(error: unknown): unknown {
  if (error instanceof GraphQLError || !(error instanceof Neo4jError)) return error;
  const code = error.code ?? '';
  if (code === 'ServiceUnavailable' || code === 'SessionExpired' || code.startsWith('Neo.TransientError.General.DatabaseUnavailable')) {
    return serviceUnavailable();
  }
  if (code.includes('TransactionTimedOut') || code === 'Neo.TransientError.Transaction.LockClientStopped') {
    return coded('The query took too long and was stopped.', 'QUERY_TIMEOUT', 504);
  }
  // Neo4j refused the memory the query needed: all transactions together at their limit (concurrent heavy
  // queries; transient, and the driver already retried) or this one past its own. Not an outage: the
  // availability circuit stays closed.
  if (code.endsWith('MemoryPoolOutOfMemoryError') || code.endsWith('TransactionOutOfMemoryError') || code === 'Neo.TransientError.General.OutOfMemoryError') {
    return coded('The graph database has no memory left for this query now; try again shortly, or ask for less.', 'DATABASE_BUSY', 503);
  }
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return coded('The write conflicts with existing data.', 'CONFLICT', 409);
  }
  if (code.startsWith('Neo.ClientError.Security.')) {
    return coded('The server cannot authenticate to the graph database.', 'SERVICE_UNAVAILABLE', 503);
  }
  return error;
}
