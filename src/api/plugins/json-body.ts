import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { GyreError } from '../../core/errors/index.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON is the only body the API parses (Fastify's text/plain parser would let a JSON-looking
 * string through to a confusing validation error). JSON bodies must be valid UTF-8: the default
 * parser would silently turn bad bytes into U+FFFD and store mangled keys. Prototype-polluting
 * keys are refused as well. An empty body reads as `{}`, so the validator can name missing fields.
 */
export function registerJsonBodyParser(app: FastifyInstance, bodyLimit: number): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit },
    (_request, body: Buffer, done) => {
      if (body.length === 0) return done(null, {});
      let text: string;
      try {
        text = utf8.decode(body);
      } catch {
        return done(
          new GyreError(
            'BAD_REQUEST',
            'request body is not valid UTF-8; send JSON encoded as UTF-8',
          ),
          undefined,
        );
      }
      try {
        done(
          null,
          secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }),
        );
      } catch (error) {
        done(
          new GyreError(
            'BAD_REQUEST',
            `request body is not valid JSON: ${(error as Error).message}`,
          ),
          undefined,
        );
      }
    },
  );
}
