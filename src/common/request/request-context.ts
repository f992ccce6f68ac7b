import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface RequestContext {
  requestId: string;
  sqlStatements: number;
  sqlMs: number;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(fn: () => T, requestId: string = randomUUID()): T {
    return storage.run({ requestId, sqlStatements: 0, sqlMs: 0 }, fn);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
};
