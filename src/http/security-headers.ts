// Headers every answer carries, whatever route made it: the browser must not guess content types
// (X-Content-Type-Options), and no other site may frame our pages, GraphiQL included (X-Frame-Options for
// older browsers, CSP frame-ancestors for the rest), so that a click on GraphiQL's run button cannot be
// hijacked from a hostile page.
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';

export const securityHeaderValues: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
};

export function securityHeaders(): Plugin<Context> {
  return {
    onResponse({ response }) {
      for (const [name, value] of Object.entries(securityHeaderValues)) if (!response.headers.has(name)) response.headers.set(name, value);
    },
  };
}
