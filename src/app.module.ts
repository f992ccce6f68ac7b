import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ArticlesModule } from './articles/articles.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { GraphQLExceptionFilter } from './common/errors/graphql-exception.filter';
import { formatGraphQLError } from './common/graphql/error-formatter';
import { queryLimitsPlugin } from './common/graphql/query-limits.plugin';
import { serverTimingPlugin } from './common/graphql/server-timing.plugin';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { publicCacheControl } from './http-cache/cache-policy';
import { graphqlCachePlugin } from './http-cache/graphql-cache.plugin';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { ContentModule } from './content/content.module';
import { ContributorsModule } from './contributors/contributors.module';
import { dataSourceOptions } from './database/data-source.options';
import { HealthModule } from './health/health.module';
import { IssuesModule } from './issues/issues.module';
import { LoadersFactory } from './loaders/loaders.factory';
import { LoadersModule } from './loaders/loaders.module';
import { ReferencesModule } from './references/references.module';
import { SectionsModule } from './sections/sections.module';
import { PublishingModule } from './publishing/publishing.module';
import { EditingModule } from './editing/editing.module';
import { RevisionsModule } from './revisions/revisions.module';
import { SchedulingModule } from './scheduling/scheduling.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { ChangesModule } from './changes/changes.module';
import { SnapshotsModule } from './snapshots/snapshots.module';
import { FeedsModule } from './feeds/feeds.module';
import { MirrorModule } from './mirror/mirror.module';
import type { MeiliEndpoint } from './search/embedded-meilisearch.runner';
import { SearchModule } from './search/search.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string, meili: MeiliEndpoint): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        AuthModule.forRoot(config),
        AuditModule,
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl, config.dbPoolSize)),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [LoadersModule],
          inject: [LoadersFactory, GraphQLSchemaHost],
          useFactory: (loaders: LoadersFactory, schemaHost: GraphQLSchemaHost) => graphqlOptions(config, loaders, schemaHost),
        }),
        IssuesModule,
        SectionsModule,
        ArticlesModule,
        ContributorsModule,
        ReferencesModule,
        ContentModule,
        PublishingModule,
        EditingModule,
        RevisionsModule,
        SchedulingModule,
        WebhooksModule,
        ChangesModule,
        SnapshotsModule,
        FeedsModule,
        MirrorModule,
        SearchModule.forRoot(meili),
        HealthModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: GraphQLExceptionFilter }],
    };
  }
}

function graphqlOptions(config: AppConfig, loaders: LoadersFactory, schemaHost: GraphQLSchemaHost): ApolloDriverConfig {
  const development = config.nodeEnv === 'development';
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    introspection: true,
    includeStacktraceInErrorResponses: development,
    // Plain GETs of queries must work for CDNs. CSRF needs ambient credentials, and auth here is a Bearer header only;
    // Apollo still refuses mutations over GET. Persisted queries (APQ) stay on Apollo's default in-memory cache.
    csrfPrevention: false,
    formatError: formatGraphQLError(development),
    context: ({ req, res }: { req: unknown; res: unknown }) => {
      const visibleDrafts = new Set<string>();
      return { req, res, visibleDrafts, loaders: loaders.create(visibleDrafts) };
    },
    // @nestjs/apollo types its plugins with Apollo's ESM typings and we compile against the CJS ones: same objects.
    plugins: [
      queryLimitsPlugin(() => schemaHost.schema, { maxDepth: config.graphqlMaxDepth, maxComplexity: config.graphqlMaxComplexity }),
      ...(config.serverTiming ? [serverTimingPlugin()] : []),
      // http-cache decides Cache-Control, not per-field @cacheControl hints.
      ApolloServerPluginCacheControlDisabled(),
      graphqlCachePlugin(publicCacheControl(config)),
    ] as unknown as ApolloDriverConfig['plugins'],
  };
}
