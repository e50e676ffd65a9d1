import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { OperationLimits } from './config.js';

/**
 * The operation limits, in one place, so the HTTP path (Apollo Server) and the future websocket
 * subscribe path (graphql-ws) refuse exactly the same documents.
 */
export interface Hardening {
  /** Parse-time limits (token count); pass to `parse(source, parseOptions)`. */
  parseOptions: ParseOptions;
  /** Depth, cost, alias and directive limits; run after graphql-js's own rules. */
  validationRules: ValidationRule[];
  /** Apollo Server plugins (field-suggestion masking when enabled). */
  plugins: ApolloServerPlugin[];
  /** For paths without Apollo Server: every rule above plus graphql-js's, suggestions masked alike. */
  validate: (schema: GraphQLSchema, document: DocumentNode) => readonly GraphQLError[];
}

export interface HardeningOptions {
  /** "Did you mean …?" leaks the schema's field names; hide it where introspection is off too. */
  blockFieldSuggestions: boolean;
}

const SUGGESTION_MASK = '[Suggestion hidden]';

/** Which limit refused the operation, for clients that want to tell the user more than the message. */
type LimitReason = 'MAX_DEPTH' | 'MAX_COST' | 'MAX_ALIASES' | 'MAX_DIRECTIVES';

/**
 * armor's own rejection handler reports "Syntax Error: …" with code BAD_USER_INPUT; we report the
 * plain message as a validation failure with the limit named, identically on every path.
 */
function rejectAs(reason: LimitReason) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        context?.reportError(
          new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason },
          }),
        );
      },
    ],
  };
}

export function createHardening(limits: OperationLimits, options: HardeningOptions): Hardening {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ...rejectAs('MAX_DEPTH') },
    costLimit: { maxCost: limits.maxCost, ...rejectAs('MAX_COST') },
    maxAliases: { n: limits.maxAliases, ...rejectAs('MAX_ALIASES') },
    maxDirectives: { n: limits.maxDirectives, ...rejectAs('MAX_DIRECTIVES') },
    // armor's token limit throws from `parsingDidStart`, outside Apollo Server's parse try-block, so
    // Apollo Server 5 answers 500. graphql-js has the same limit built into `parse`, which Apollo
    // Server reports as a 400 GRAPHQL_PARSE_FAILED; see `parseOptions` below.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: options.blockFieldSuggestions, mask: SUGGESTION_MASK },
  }).protect();

  const validationRules = armor.validationRules;
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules,
    plugins: armor.plugins,
    validate: (schema, document) => {
      const errors = validate(schema, document, [...specifiedRules, ...validationRules]);
      if (!options.blockFieldSuggestions) return errors;
      return errors.map((e) => new GraphQLError(maskSuggestions(e.message), { nodes: e.nodes, extensions: e.extensions }));
    },
  };
}

/** Same replacement armor's Apollo plugin applies to HTTP errors. */
export function maskSuggestions(message: string): string {
  return message.replace(/Did you mean ".+"/g, SUGGESTION_MASK);
}
