import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  EDITOR = 'EDITOR',
  PUBLISHER = 'PUBLISHER',
  ADMIN = 'ADMIN',
}

registerEnumType(Role, { name: 'Role', description: 'EDITOR edits drafts; PUBLISHER also publishes; ADMIN also manages tokens and webhooks.' });

const RANK: Record<Role, number> = { EDITOR: 1, PUBLISHER: 2, ADMIN: 3 };

export function hasRole(actual: Role, needed: Role): boolean {
  return RANK[actual] >= RANK[needed];
}

/** Who made a request: a stored token, or the bootstrap administrator token (id null). */
export interface Principal {
  id: string | null;
  name: string;
  role: Role;
}
