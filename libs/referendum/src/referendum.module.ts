import { Module } from '@nestjs/common';
import { MultipartModule } from '@nestjs/platform-fastify';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@app/shared';
import { VotingModule } from '@app/voting';
import { BallotCastService } from './ballot-cast.service.js';
import { REFERENDUM_ENTITIES } from './entities/index.js';
import { PollingStationService } from './polling-station.service.js';
import { ReferendumScheduler } from './referendum-scheduler.js';
import { ReferendumRepository } from './referendum.repository.js';
import { ReferendumEvents } from './referendum-events.js';
import { ReferendumService } from './referendum.service.js';
import { ReferendumsController } from './referendums.controller.js';

/** Citizen votes: referendums on an electoral roll, voting codes, polling stations, results by district. */
@Module({
  imports: [
    TypeOrmModule.forFeature(REFERENDUM_ENTITIES),
    VotingModule,
    // A roll of 200,000 electors is about 15 MB of CSV: held in memory, capped like pool uploads.
    MultipartModule.registerAsync({
      useFactory: (config: AppConfig) => ({ limits: { fileSize: Math.max(config.poolUploadLimitBytes, 64 * 1_048_576), files: 1, fields: 5, parts: 6 } }),
      inject: [APP_CONFIG],
    }),
  ],
  controllers: [ReferendumsController],
  providers: [ReferendumRepository, ReferendumService, BallotCastService, PollingStationService, ReferendumScheduler, ReferendumEvents],
  exports: [ReferendumService, ReferendumScheduler, ReferendumEvents],
})
export class ReferendumModule {}
