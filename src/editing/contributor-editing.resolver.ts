import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, RequireRole } from '../auth/auth.guard';
import { Role } from '../auth/role';
import type { Principal } from '../auth/role';
import { ContributorModel } from '../contributors/contributor.model';
import { ContributorEditingService } from './contributor-editing.service';
import { UpsertContributorInput } from './dto/contributor.inputs';

@Resolver()
export class ContributorEditingResolver {
  constructor(private readonly contributors: ContributorEditingService) {}

  @Mutation(() => ContributorModel, { description: 'EDITOR. Creates the contributor with this name, or updates its affiliation and slug.' })
  @RequireRole(Role.EDITOR)
  upsertContributor(@Args('input') input: UpsertContributorInput, @CurrentPrincipal() by: Principal) {
    return this.contributors.upsertContributor(input, by);
  }

  @Mutation(() => ContributorModel, { description: 'EDITOR. Renames a contributor (slug unchanged) and re-indexes every issue they appear in.' })
  @RequireRole(Role.EDITOR)
  renameContributor(@Args('slug') slug: string, @Args('name') name: string, @CurrentPrincipal() by: Principal) {
    return this.contributors.renameContributor(slug, name, by);
  }

  @Mutation(() => ContributorModel, { description: 'EDITOR. Moves every role of one contributor to another and deletes the first; returns the survivor.' })
  @RequireRole(Role.EDITOR)
  mergeContributors(@Args('fromSlug') fromSlug: string, @Args('intoSlug') intoSlug: string, @CurrentPrincipal() by: Principal) {
    return this.contributors.mergeContributors(fromSlug, intoSlug, by);
  }
}
