/** The path of the generated declarations (apps/web/src/app/api/schema.d.ts). */
export declare const SCHEMA_FILE: string;
/** The TypeScript declarations for an OpenAPI document (the same text for the same document). */
export declare function renderApiTypes(document: unknown): Promise<string>;
