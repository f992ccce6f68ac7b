import type { Request, Response } from 'express';
import type { Principal } from '../auth/role';
import { Loaders } from './loaders.factory';

export interface GraphQLContext {
  req: Request;
  res: Response;
  loaders: Loaders;
  /** Drafts this request may see; filled by preview and by admin mutations that return a draft. */
  visibleDrafts: Set<string>;
  /** Set by the role guard on guarded operations. */
  principal?: Principal;
}
