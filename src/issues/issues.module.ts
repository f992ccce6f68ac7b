import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IssueEntity } from './issue.entity';
import { IssuesResolver } from './issues.resolver';
import { IssuesService } from './issues.service';

@Module({
  imports: [TypeOrmModule.forFeature([IssueEntity])],
  providers: [IssuesService, IssuesResolver],
  exports: [IssuesService],
})
export class IssuesModule {}
