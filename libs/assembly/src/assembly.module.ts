import { Module } from '@nestjs/common';
import { MultipartModule } from '@nestjs/platform-fastify';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@app/shared';
import { AssembliesController, InvitationsController } from './assemblies.controller.js';
import { AssemblyAccess } from './assembly-access.js';
import { AssemblyRepository } from './assembly.repository.js';
import { AssemblyService } from './assembly.service.js';
import { DrawEvents } from './draw-events.js';
import { DrawRepository } from './draw.repository.js';
import { DrawRunner } from './draw-runner.js';
import { DrawService } from './draw.service.js';
import { DrawsController } from './draws.controller.js';
import { ASSEMBLY_ENTITIES } from './entities/index.js';
import { MembershipService } from './membership.service.js';
import { PoolRepository } from './pool.repository.js';
import { PoolService } from './pool.service.js';
import { PoolsController } from './pools.controller.js';
import { QuotaChecker } from './quota-checker.js';
import { RecruitmentController } from './recruitment.controller.js';
import { RecruitmentRepository } from './recruitment.repository.js';
import { RecruitmentService } from './recruitment.service.js';
import { SortitionGateway } from './sortition.gateway.js';

/** Assemblies, memberships, pools, draws and replacements (HTTP + socket.io `/sortition`). */
@Module({
  imports: [
    TypeOrmModule.forFeature(ASSEMBLY_ENTITIES),
    // Uploads are held in memory (pools are small: 2,000 volunteers ≈ 200 kB) and capped.
    MultipartModule.registerAsync({
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.poolUploadLimitBytes, files: 2, fields: 10, parts: 12 } }),
      inject: [APP_CONFIG],
    }),
  ],
  controllers: [AssembliesController, InvitationsController, PoolsController, DrawsController, RecruitmentController],
  providers: [
    AssemblyRepository,
    PoolRepository,
    DrawRepository,
    AssemblyAccess,
    AssemblyService,
    MembershipService,
    PoolService,
    QuotaChecker,
    DrawEvents,
    DrawRunner,
    DrawService,
    SortitionGateway,
    RecruitmentRepository,
    RecruitmentService,
  ],
  exports: [AssemblyAccess, AssemblyService],
})
export class AssemblyModule {}
