import { Args, ArgsType, Field, Int, Query, Resolver } from '@nestjs/graphql';
import { MAX_PAGE_SIZE } from '../common/graphql/connection';
import { ChangeConnection, ChangeModel } from './change.model';
import { ChangesService } from './changes.service';

/** Like ConnectionArgs, but a mirror catching up wants full pages by default. */
@ArgsType()
export class ChangeArgs {
  @Field(() => Int, { defaultValue: MAX_PAGE_SIZE, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
  first: number = MAX_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page (or latestChangeCursor).' })
  after?: string | null;
}

@Resolver(() => ChangeModel)
export class ChangesResolver {
  constructor(private readonly service: ChangesService) {}

  @Query(() => ChangeConnection, { description: 'Changes to public content, oldest first; pass the last endCursor as `after` to continue. Never skips a committed change.' })
  changes(@Args() { first, after }: ChangeArgs) {
    return this.service.list(first, after);
  }

  @Query(() => String, { nullable: true, description: 'The cursor of the newest change: a mirror that copies the content now continues from here.' })
  latestChangeCursor() {
    return this.service.latestCursor();
  }
}
