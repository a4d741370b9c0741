import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AuthGuard, CoreModule, createValidationPipe, HttpExceptionFilter, PrivacyModule, type AppConfig, type Clock } from '@app/shared';
import { DatabaseModule } from '@app/persistence';
import { IdentityModule } from '@app/identity';
import { AssemblyModule } from '@app/assembly';
import { VotingModule } from '@app/voting';
import { AgendaModule } from '@app/agenda';
import { DeliberationModule } from '@app/deliberation';
import { ReferendumModule } from '@app/referendum';
import { BudgetModule } from '@app/budget';
import { HealthController } from './health/health.controller.js';
import { LiveFeed } from './live/live-feed.js';
import { LiveGateway } from './live/live.gateway.js';
import { PERSONAL_DATA_SECTIONS, RETENTION_RULES } from './personal-data.js';

export interface ApiModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  clock?: Clock;
}

/** Composition root of the HTTP + socket.io server. */
@Module({})
export class ApiModule {
  static forRoot(options: ApiModuleOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        CoreModule.forRoot({ config: options.config, clock: options.clock }),
        DatabaseModule.forRoot({
          url: options.databaseUrl,
          poolSize: options.config.databasePoolSize,
          runMigrations: options.config.databaseRunMigrations,
          applicationName: 'pnyx-api',
        }),
        IdentityModule,
        AssemblyModule,
        VotingModule,
        AgendaModule,
        DeliberationModule,
        ReferendumModule,
        BudgetModule,
        PrivacyModule.forRoot({ sections: PERSONAL_DATA_SECTIONS, rules: RETENTION_RULES, api: true }),
      ],
      controllers: [HealthController],
      providers: [
        LiveFeed,
        LiveGateway,
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
    };
  }
}
