// Enforces src/limits.ts on every request, each refusal coded and before any Cypher runs:
//   HTTP      URL size -> 414 URI_TOO_LONG; compressed bodies -> 415 (never inflated); the body size is
//             Yoga's maxRequestBodySize -> 413 REQUEST_ENTITY_TOO_LARGE
//   parse     bracket nesting -> QUERY_TOO_DEEP (before the recursive parser can overflow the stack);
//             token count -> GRAPHQL_PARSE_FAILED (graphql-js maxTokens)
//   validate  aliases, counted through fragment spreads (src/http/cost.ts) -> TOO_MANY_ALIASES
//   execute   depth, breadth, complexity (@pothos/plugin-complexity, with variables, plus the exact size
//             of any introspection answer, src/http/cost.ts) -> QUERY_TOO_DEEP, QUERY_TOO_BROAD,
//             QUERY_TOO_COMPLEX; argument bounds (first, maxLength, list sizes) -> BAD_USER_INPUT.
//             Checked once for the whole operation, before its first resolver.
// Batching (KG_MAX_BATCH) and the body size (KG_MAX_BODY_BYTES) are Yoga's own options, set in src/yoga.ts.
import { complexityFromQuery } from '@pothos/plugin-complexity';
import {
  GraphQLError,
  getOperationAST,
  Kind,
  parse,
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type Source,
  type ValidationRule,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import { refusal, type Limits } from '../limits.js';
import { expandedAliasCount, introspectionCost } from './cost.js';
import { traceOf } from './observability.js';

/** Deepest nesting of { [ ( outside strings and comments: what the recursive-descent parser recurses on. */
export function maxNesting(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '#') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (c === '"') {
      if (text.startsWith('"""', i)) {
        const end = text.indexOf('"""', i + 3);
        i = end < 0 ? text.length : end + 2;
      } else {
        for (i++; i < text.length && text[i] !== '"' && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
      }
    } else if (c === '{' || c === '[' || c === '(') {
      if (++depth > max) max = depth;
    } else if (c === '}' || c === ']' || c === ')') {
      depth--;
    }
  }
  return max;
}

/**
 * Brackets a legitimate query may nest: a selection at the depth limit, plus arguments and input objects
 * around it. Far below where graphql-js's parser would overflow the stack (a few thousand).
 */
export function nestingLimit(limits: Limits): number {
  return limits.maxDepth * 2 + 16;
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  return fragments;
}

/** Aliases of each operation as it executes: an alias in a fragment counts once per spread of it. */
function aliasLimitRule(max: number): ValidationRule {
  return (context) => ({
    OperationDefinition(node) {
      const count = expandedAliasCount(node.selectionSet, fragmentsOf(context.getDocument()));
      if (count > max) {
        context.reportError(
          new GraphQLError(`The query uses ${count} aliases once its fragments are spread; the limit is ${max}.`, {
            nodes: node,
            extensions: { code: 'TOO_MANY_ALIASES', aliases: count, maximum: max, http: { status: 400 } },
          }),
        );
      }
    },
  });
}

/** An HTTP-level refusal, shaped like a GraphQL error response. */
function refused(fetchAPI: { Response: typeof Response }, serverContext: object, status: number, code: string, message: string, extensions = {}) {
  traceOf(serverContext)?.codes.push(code);
  return fetchAPI.Response.json({ errors: [{ message, extensions: { code, ...extensions } }] }, { status });
}

export function requestLimits(limits: Limits): Plugin<Context> {
  const aliasRule = aliasLimitRule(limits.maxAliases);
  const maxNested = nestingLimit(limits);
  return {
    onRequest({ request, url, fetchAPI, endResponse, serverContext }) {
      // The body itself is held to maxBodyBytes by Yoga (maxRequestBodySize, src/yoga.ts): 413
      // REQUEST_ENTITY_TOO_LARGE, by Content-Length before reading, else while reading.
      if (url.href.length > limits.maxBodyBytes) {
        return endResponse(
          refused(fetchAPI, serverContext, 414, 'URI_TOO_LONG', `The URL exceeds ${limits.maxBodyBytes} bytes.`, { maximum: limits.maxBodyBytes }),
        );
      }
      const encoding = request.headers.get('content-encoding');
      if (request.method === 'POST' && encoding && encoding.toLowerCase() !== 'identity') {
        // Never inflated: a small compressed body could expand past any limit.
        return endResponse(refused(fetchAPI, serverContext, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Compressed request bodies are not accepted.'));
      }
    },
    onParse({ setParseFn }) {
      setParseFn((source: string | Source): DocumentNode => {
        const text = typeof source === 'string' ? source : source.body;
        if (maxNesting(text) > maxNested) {
          throw refusal('QUERY_TOO_DEEP', `The query nests brackets more than ${maxNested} deep.`, { maximum: maxNested });
        }
        return parse(source, { maxTokens: limits.maxTokens });
      });
    },
    onValidate({ addValidationRule }) {
      addValidationRule(aliasRule);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation) return; // execution reports the missing or ambiguous operation
      const document: DocumentNode = {
        kind: Kind.DOCUMENT,
        definitions: [operation, ...args.document.definitions.filter((d: DefinitionNode) => d.kind === Kind.FRAGMENT_DEFINITION)],
      };
      let cost: ReturnType<typeof complexityFromQuery>;
      try {
        const variables = (args.variableValues ?? {}) as Record<string, unknown>;
        cost = complexityFromQuery(document, { schema: args.schema, ctx: args.contextValue as object, variables });
        // Pothos counts `__schema` and `__type` as one field each: add the exact size of their answers.
        cost.complexity += introspectionCost(args.schema, operation, fragmentsOf(args.document), variables);
      } catch (error) {
        // A bound on an argument (coded), or variables that do not coerce: execution reports those.
        if (error instanceof GraphQLError && error.extensions.code) setResultAndStopExecution({ errors: [error] });
        return;
      }
      const over =
        cost.depth > limits.maxDepth
          ? refusal('QUERY_TOO_DEEP', `The query is ${cost.depth} fields deep; the limit is ${limits.maxDepth}.`, {
              depth: cost.depth,
              maximum: limits.maxDepth,
            })
          : cost.breadth > limits.maxBreadth
            ? refusal('QUERY_TOO_BROAD', `The query selects ${cost.breadth} fields; the limit is ${limits.maxBreadth}.`, {
                breadth: cost.breadth,
                maximum: limits.maxBreadth,
              })
            : cost.complexity > limits.maxComplexity
              ? refusal('QUERY_TOO_COMPLEX', `The query's estimated cost is ${cost.complexity}; the limit is ${limits.maxComplexity}.`, {
                  complexity: cost.complexity,
                  maximum: limits.maxComplexity,
                })
              : null;
      if (over) setResultAndStopExecution({ errors: [over] });
    },
  };
}
