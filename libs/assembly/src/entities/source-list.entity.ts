import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AccountEntity } from '@app/identity';
import { AssemblyEntity } from './assembly.entity.js';

/**
 * A city list (electoral roll, foreign residents, young people…) uploaded for an invitation draw,
 * kept byte for byte in `source_list_chunks`: the draw reads exactly the bytes whose SHA-256 it
 * published, and the mail merge reads the invited people's names and addresses from them.
 */
@Entity({ name: 'source_lists' })
@Check('source_lists_label_shape', `"label" ~ '^[a-z0-9][a-z0-9_-]{0,39}$'`)
@Check('source_lists_file_name_length', `char_length("file_name") BETWEEN 1 AND 200`)
@Check('source_lists_sha256_hex', `"sha256" ~ '^[0-9a-f]{64}$'`)
@Check('source_lists_counts', `"byte_count" > 0 AND "row_count" > 0`)
@Index('source_lists_assembly_id_idx', ['assemblyId'])
export class SourceListEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'source_lists_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  assemblyId!: string;

  @ManyToOne(() => AssemblyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assembly_id', foreignKeyConstraintName: 'source_lists_assembly_fk' })
  assembly?: Relation<AssemblyEntity>;

  /** The source the list stands for (roll, foreign, young…): a feature of the respondents later. */
  @Column({ type: 'text' })
  label!: string;

  @Column({ type: 'text' })
  fileName!: string;

  @Column({ type: 'character', length: 64 })
  sha256!: string;

  @Column({ type: 'bigint', transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  byteCount!: number;

  @Column({ type: 'integer' })
  rowCount!: number;

  @Column({ type: 'uuid' })
  uploadedBy!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'uploaded_by', foreignKeyConstraintName: 'source_lists_uploaded_by_fk' })
  uploader?: Relation<AccountEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** The file's bytes deleted (the retention period after the assembly's term); its digest and counts stay. */
  @Column({ type: 'timestamptz', nullable: true })
  purgedAt!: Date | null;
}

/** About 1 MiB of a list's file, in upload order. */
@Entity({ name: 'source_list_chunks' })
@Check('source_list_chunks_seq_nonnegative', `"seq" >= 0`)
export class SourceListChunkEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'source_list_chunks_pkey' })
  listId!: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'source_list_chunks_pkey' })
  seq!: number;

  @ManyToOne(() => SourceListEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'list_id', foreignKeyConstraintName: 'source_list_chunks_list_fk' })
  list?: Relation<SourceListEntity>;

  @Column({ type: 'bytea' })
  bytes!: Buffer;
}
