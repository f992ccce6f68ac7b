import { Module } from '@nestjs/common';
import { MirrorLifecycle } from './mirror.lifecycle';

@Module({ providers: [MirrorLifecycle], exports: [MirrorLifecycle] })
export class MirrorModule {}
