import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { GyreError } from '../../core/errors/index.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON bodies must be valid UTF-8: the default parser would silently turn bad bytes into U+FFFD
 * and store mangled keys. Prototype-polluting keys are refused as well.
 */
export function registerJsonBodyParser(app: FastifyInstance, bodyLimit: number): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit },
    (_request, body: Buffer, done) => {
      if (body.length === 0) return done(null, undefined);
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
