import type { Request, Response } from 'express';
import { Loaders } from './loaders.factory';

export interface GraphQLContext {
  req: Request;
  res: Response;
  loaders: Loaders;
}
