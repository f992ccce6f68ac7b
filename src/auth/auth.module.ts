import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ensureSecretFile } from '../common/secrets';
import type { AppConfig } from '../config/app-config';
import { ADMIN_TOKEN, PREVIEW_SECRET } from './auth.constants';
import { RoleGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { ApiTokenEntity } from './api-token.entity';
import { TokensResolver } from './tokens.resolver';
import { TokensService } from './tokens.service';

@Global()
@Module({})
export class AuthModule {
  /** Without ADMIN_TOKEN / PREVIEW_SECRET, secrets are generated once in DATA_DIR (mode 0600). */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AuthModule,
      imports: [TypeOrmModule.forFeature([ApiTokenEntity])],
      providers: [
        { provide: ADMIN_TOKEN, useFactory: () => config.adminToken ?? ensureSecretFile(config.dataDir, 'admin.token') },
        { provide: PREVIEW_SECRET, useFactory: () => config.previewSecret ?? ensureSecretFile(config.dataDir, 'preview.secret') },
        TokensService,
        AuthService,
        TokensResolver,
        { provide: APP_GUARD, useClass: RoleGuard },
      ],
      exports: [AuthService, PREVIEW_SECRET],
    };
  }
}
