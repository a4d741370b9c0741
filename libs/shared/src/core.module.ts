import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { CLOCK, systemClock, type Clock } from './clock/clock.js';
import { AccessTokenService } from './auth/access-token.service.js';
import { Authenticator } from './auth/authenticator.js';
import { AuditModule } from './audit/audit.module.js';

export interface CoreModuleOptions {
  config: AppConfig;
  /** Replace the system clock (tests). */
  clock?: Clock;
}

/** Cross-cutting providers every app needs: config, clock, token verification, audit log. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    const providers: Provider[] = [{ provide: CLOCK, useValue: options.clock ?? systemClock }, AccessTokenService, Authenticator];
    return {
      module: CoreModule,
      imports: [ConfigModule.forRoot(options.config), AuditModule],
      providers,
      exports: [CLOCK, AccessTokenService, Authenticator, AuditModule],
    };
  }
}
