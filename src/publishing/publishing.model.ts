import { Field, Int, ObjectType } from '@nestjs/graphql';
import { IssueModel } from '../issues/issue.model';

@ObjectType('ImportWarning')
export class ImportWarningModel {
  @Field(() => Int) line: number;
  @Field() message: string;
}

@ObjectType('ImportIssueResult')
export class ImportIssueResultModel {
  @Field(() => IssueModel) issue: IssueModel;
  @Field(() => [ImportWarningModel]) warnings: ImportWarningModel[];
  @Field({ description: 'False when an issue with this slug was replaced.' }) created: boolean;
}

@ObjectType('PreviewLink', { description: 'Hand the token to a front end: previewIssue(token) shows this one issue until it expires.' })
export class PreviewLinkModel {
  @Field() token: string;
  @Field(() => Date) expiresAt: Date;
}
