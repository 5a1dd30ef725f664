// Driver errors become named GraphQL errors here, in one place, keyed on the Neo4j error code.
// Anything not recognised is rethrown as is and masked by Yoga ("Unexpected error.").
// The driver error is not attached as `originalError`: Yoga masks any error whose original is not a
// GraphQLError, which would hide these codes from clients.
import { GraphQLError } from 'graphql';
import { Neo4jError } from 'neo4j-driver';

function coded(message: string, code: string, status: number, headers?: Record<string, string>): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: headers ? { status, headers } : { status } } });
}

/** Seconds a client is asked to wait (Retry-After) before trying a 503 again. */
export const RETRY_AFTER_SECONDS = 1;
const retryAfter = { 'retry-after': String(RETRY_AFTER_SECONDS) };

export function serviceUnavailable(): GraphQLError {
  return coded('The graph database is unavailable; try again shortly.', 'SERVICE_UNAVAILABLE', 503, retryAfter);
}

/** Every pooled connection to Neo4j stayed in use for the driver's whole acquisition timeout. */
export function databaseBusy(message = 'The graph database has no memory left for this query now; try again shortly, or ask for less.'): GraphQLError {
  return coded(message, 'DATABASE_BUSY', 503, retryAfter);
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
    return databaseBusy();
  }
  // The driver waited connectionAcquisitionTimeout for a pooled connection and got none: the server is
  // saturated, not down (the circuit stays closed). Its code is N/A; its message is the only mark.
  if (error.message.startsWith('Connection acquisition timed out')) {
    return databaseBusy('Every connection to the graph database is in use; try again shortly.');
  }
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return coded('The write conflicts with existing data.', 'CONFLICT', 409);
  }
  if (code.startsWith('Neo.ClientError.Security.')) {
    return coded('The server cannot authenticate to the graph database.', 'SERVICE_UNAVAILABLE', 503);
  }
  return error;
}
