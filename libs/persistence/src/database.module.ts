import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createDataSourceOptions } from './data-source-options.js';

export interface DatabaseModuleOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
  runMigrations: boolean;
}

/** TypeORM on PostgreSQL; entities are registered by each feature module (`forFeature`). */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...createDataSourceOptions(options),
          autoLoadEntities: true,
          migrationsRun: options.runMigrations,
          // Fail fast at boot instead of retrying for minutes.
          retryAttempts: 0,
        }),
      ],
    };
  }
}
