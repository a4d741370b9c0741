import { Module, type DynamicModule } from '@nestjs/common';
import { MeController, PrivacyController } from './privacy.controller.js';
import { PRIVACY_OPTIONS, type PrivacyOptions } from './personal-data.js';
import { PersonalDataService } from './personal-data.service.js';
import { RetentionService } from './retention.service.js';

/**
 * Personal data kept no longer than needed (docs/personal-data.md): retention rules purged on a
 * schedule and by `pnyx data purge`, and each person's export and account deletion. The feature
 * libraries give their sections and rules; the app composes them.
 */
@Module({})
export class PrivacyModule {
  static forRoot(options: PrivacyOptions): DynamicModule {
    return {
      module: PrivacyModule,
      controllers: options.api ? [MeController, PrivacyController] : [],
      providers: [{ provide: PRIVACY_OPTIONS, useValue: options }, PersonalDataService, RetentionService],
      exports: [PersonalDataService, RetentionService],
    };
  }
}
