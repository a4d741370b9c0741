import { Module, type DynamicModule } from '@nestjs/common';
import { CoreModule, PrivacyModule, type AppConfig } from '@app/shared';
import { DatabaseModule } from '@app/persistence';
import { IdentityModule } from '@app/identity';
import { PERSONAL_DATA_SECTIONS, RETENTION_RULES } from '../../api/src/personal-data.js';

/** The libraries the `pnyx` command needs, without HTTP. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig, databaseUrl: string, runMigrations: boolean): DynamicModule {
    return {
      module: CliModule,
      imports: [
        CoreModule.forRoot({ config }),
        DatabaseModule.forRoot({ url: databaseUrl, runMigrations, poolSize: 4, applicationName: 'pnyx-cli' }),
        IdentityModule,
        PrivacyModule.forRoot({ sections: PERSONAL_DATA_SECTIONS, rules: RETENTION_RULES, api: false }),
      ],
    };
  }
}
