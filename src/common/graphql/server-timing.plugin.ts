import { ApolloServerPlugin } from '@apollo/server';
import { requestContext } from '../request/request-context';

/** Reports the SQL statements a request ran, as `Server-Timing: db;desc="N statements"`. */
export function serverTimingPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const ctx = requestContext.current();
          if (ctx) response.http.headers.set('server-timing', `db;desc="${ctx.sqlStatements} statements"`);
        },
      };
    },
  };
}
