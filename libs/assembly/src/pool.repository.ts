import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { PoolVolunteerEntity } from './entities/pool-volunteer.entity.js';
import { PoolEntity } from './entities/pool.entity.js';

export type NewPool = Omit<PoolEntity, 'id' | 'createdAt' | 'assembly' | 'uploader' | 'personalPurgedAt'>;
export type NewVolunteer = Omit<PoolVolunteerEntity, 'poolId' | 'pool'>;

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters (6 per volunteer). */
const INSERT_CHUNK = 1000;

/** Every query on `pools` and `pool_volunteers`. */
@Injectable()
export class PoolRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private pools(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(PoolEntity);
  }

  private volunteers(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(PoolVolunteerEntity);
  }

  async insert(pool: NewPool, volunteers: NewVolunteer[], manager: EntityManager): Promise<PoolEntity> {
    const saved = await this.pools(manager).save(this.pools(manager).create(pool));
    for (let start = 0; start < volunteers.length; start += INSERT_CHUNK) {
      await this.volunteers(manager).insert(volunteers.slice(start, start + INSERT_CHUNK).map((volunteer) => ({ ...volunteer, poolId: saved.id })));
    }
    return saved;
  }

  findById(id: string, manager?: EntityManager): Promise<PoolEntity | null> {
    return this.pools(manager).findOneBy({ id });
  }

  listByAssembly(assemblyId: string): Promise<PoolEntity[]> {
    return this.pools().find({ where: { assemblyId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  latestOfAssembly(assemblyId: string, manager?: EntityManager): Promise<PoolEntity | null> {
    return this.pools(manager).findOne({ where: { assemblyId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  async existsForAssembly(assemblyId: string, manager: EntityManager): Promise<boolean> {
    return (await this.pools(manager).countBy({ assemblyId })) > 0;
  }

  /** In file order, keyset-paginated on the row number. */
  volunteersPage(poolId: string, afterRow: number, limit: number): Promise<PoolVolunteerEntity[]> {
    return this.volunteers()
      .createQueryBuilder('v')
      .where('v.pool_id = :poolId AND v.row_number > :afterRow', { poolId, afterRow })
      .orderBy('v.row_number', 'ASC')
      .take(limit)
      .getMany();
  }

  allVolunteers(poolId: string): Promise<PoolVolunteerEntity[]> {
    return this.volunteers().find({ where: { poolId }, order: { rowNumber: 'ASC' } });
  }
}
